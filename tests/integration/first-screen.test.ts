import { isHttpError, isRedirect } from '@sveltejs/kit';
import { parse, stringify } from 'devalue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { planWithMembers, seedSeries, signedInUser, type TestUser } from '../helpers/fixtures.ts';
import type { FirstScreen } from '../../src/lib/domain/first-screen.ts';
import { computeKpis } from '../../src/lib/domain/kpis.ts';
import { periods as monthsOf } from '../../src/lib/domain/periods.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { getHierarchy } from '../../src/lib/server/plans.ts';
import { readPlanFigures } from '../../src/lib/server/plan-versions.ts';
import { load } from '../../src/routes/plans/[plan]/+page.server.ts';
import { thrown } from '../helpers/thrown.ts';

const MONTHS = monthsOf('2027-01', 3);

let db: Awaited<ReturnType<typeof openTestDb>>;
let viewer: TestUser;
let stranger: TestUser;
let planId: string;
let ids: { road: string; lid: string; bikes: string; helmets: string };

beforeAll(async () => {
	db = await openTestDb();
	setDb(db);
	const leader = await signedInUser(db, 'Lee Leader');
	viewer = await signedInUser(db, 'Vic Viewer');
	stranger = await signedInUser(db, 'Stranger');
	({ planId } = await planWithMembers(db, leader, [{ user: viewer, fn: null, role: 'viewer' }], {
		horizon: 3,
		families: [
			{ name: 'Bikes', items: [{ sku: 'B-1', name: 'Road bike' }] },
			{ name: 'Helmets', items: [{ sku: 'H-1', name: 'Lid' }] }
		]
	}));
	const { families, items } = await getHierarchy(db, planId);
	ids = { road: items[0].id, lid: items[1].id, bikes: families[0].id, helmets: families[1].id };
	await seedSeries(db, planId, MONTHS, {
		[ids.road]: { consensus: [10, 20, 30], opening: [15], production: [5, 0, 0], price: [100] },
		[ids.lid]: { consensus: [5, 5, 5], opening: [50] },
		[ids.bikes]: { capacity: [0, 40, 40] }
	});
});
afterAll(() => db.dispose());

/** The board page's data, as a page rendered on the server (or, `isDataRequest`, one running) asks. */
async function boardData(user: TestUser | null, plan = planId, isDataRequest = false) {
	const event = {
		locals: {
			user: user && { id: user.id, name: user.name, email: 'x@example.test', color: '#000' },
			session: null
		},
		url: new URL(`http://localhost/plans/${plan}`),
		params: { plan },
		isDataRequest
	} as unknown as Parameters<typeof load>[0];
	return (await load(event)) as Exclude<Awaited<ReturnType<typeof load>>, void>;
}

describe('the first screen of a plan', () => {
	it('comes with the board page for a member: the saved figures of the first rows and the KPIs, as the grid computes them', async () => {
		const { firstScreen } = await boardData(viewer);
		// Through the page's own format, as the browser receives it.
		const screen = parse(stringify(firstScreen)) as FirstScreen;

		const saved = await readPlanFigures(db, planId);
		// The plan, then Bikes and its item: the rows a browser shows first, in that order.
		expect([...screen.figures.keys()].slice(0, 3)).toEqual(['total', ids.bikes, ids.road]);
		expect(screen.figures.get('total')).toEqual(saved.figures.total());
		expect(screen.figures.get(ids.road)).toEqual(saved.figures.item(ids.road));
		expect(screen.figures.get(ids.road)!.inventory).toEqual([10, -10, -40]);
		// Empty months stay empty and production against zero capacity stays unbounded.
		expect(screen.figures.get(ids.road)!.forecast).toEqual([NaN, NaN, NaN]);
		expect(screen.figures.get(ids.bikes)!.utilisation[0]).toBe(Infinity);
		expect(screen.kpis).toEqual(
			computeKpis(saved.figures, saved.families, saved.items, saved.periods)
		);
		expect(screen.kpis.demand).toBe(75);
	});

	it('comes as it is computed to a page already running, the same screen', async () => {
		const { firstScreen } = await boardData(viewer, planId, true);
		expect(firstScreen).toBeInstanceOf(Promise);
		expect(await firstScreen).toEqual((await boardData(viewer)).firstScreen);
	});

	it('goes to no one who is not a member, for no plan that does not exist, and not signed out', async () => {
		const outsider = await thrown(boardData(stranger));
		expect(isHttpError(outsider) && outsider.status).toBe(404);
		const missing = await thrown(boardData(viewer, 'nosuchplan'));
		expect(isHttpError(missing) && missing.status).toBe(404);
		const signedOut = await thrown(boardData(null));
		expect(isRedirect(signedOut) && signedOut.location).toMatch(/^\/signin/);
	});
});
