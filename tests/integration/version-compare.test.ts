import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { planWithMembers, seedSeries, signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { periods as monthsOf } from '../../src/lib/domain/periods.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { copyToNextCycle } from '../../src/lib/server/next-cycle.ts';
import { getHierarchy, setPlanRole } from '../../src/lib/server/plans.ts';
import { buildVersionContent, saveApprovedVersion } from '../../src/lib/server/plan-versions.ts';
import {
	COMPARE_ROW_LIMIT,
	compareChoices,
	getVersionCompare,
	type VersionCompareView
} from '../../src/lib/server/version-compare.ts';

import { load } from '../../src/routes/plans/[plan]/versions/compare/+page.server.ts';
import { thrown } from '../helpers/thrown.ts';

const MONTHS = monthsOf('2027-01', 3);

let db: Awaited<ReturnType<typeof openTestDb>>;
let leader: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let planId: string;
let nextId: string;
let road: string;

async function approve(id: string): Promise<number> {
	return db.transaction(async (tx) =>
		saveApprovedVersion(tx, id, leader.id, await buildVersionContent(tx, id))
	);
}

beforeAll(async () => {
	db = await openTestDb();
	setDb(db);
	leader = await signedInUser(db, 'Lee Leader');
	viewer = await signedInUser(db, 'Vic Viewer');
	stranger = await signedInUser(db, 'Stranger');
	({ planId } = await planWithMembers(db, leader, [{ user: viewer, fn: null, role: 'viewer' }], {
		name: 'Plan January',
		horizon: 3,
		families: [
			{ name: 'Bikes', items: [{ sku: 'B-1', name: 'Road' }] },
			{ name: 'Helmets', items: [{ sku: 'H-1', name: 'Lid' }] }
		]
	}));
	const { items } = await getHierarchy(db, planId);
	road = items[0].id;
	const lid = items[1].id;
	const seed = (series: Record<string, Record<string, number[]>>) =>
		seedSeries(db, planId, MONTHS, series);
	await seed({
		[road]: { consensus: [100, 110, 120], price: [10, 10, 10] },
		[lid]: { consensus: [5, 5, 5], price: [20, 20, 20] }
	});
	await approve(planId);
	await seed({ [road]: { consensus: [100, 150, 120] } });
	await approve(planId);
	nextId = await copyToNextCycle(db, planId, leader.id, 'Plan February');
	await approve(nextId);
});
afterAll(() => db.dispose());

const plan = () => ({ id: planId, name: 'Plan January' });
const options = { familyId: '', onlyDiffering: true };

describe('getVersionCompare', () => {
	it('gives the changed cell with both values and the difference, and the KPI deltas', async () => {
		const view = await getVersionCompare(db, viewer.id, plan(), 1, 2, options);
		expect([view.a.number, view.b.number]).toEqual([1, 2]);
		expect(view.a.approvedBy).toBe('Lee Leader');
		expect(view.periods).toEqual(MONTHS);
		const consensus = view.table.lines.find((l) => l.sku === 'B-1' && l.measureId === 'consensus');
		expect(consensus?.cells).toEqual([
			{ same: 100 },
			{ a: 110, b: 150, difference: 40 },
			{ same: 120 }
		]);
		// Revenue follows: 40 more units at 10.
		const revenue = view.table.lines.find((l) => l.sku === 'B-1' && l.measureId === 'revenue');
		expect(revenue?.cells[1]).toEqual({ a: 1100, b: 1500, difference: 400 });
		expect(view.table.lines.some((l) => l.sku === 'H-1')).toBe(false);
		expect(view.a.kpis.demand).toBe(345);
		expect(view.b.kpis.demand).toBe(385);
		expect(view.delta.demand).toBe(40);
		expect(view.delta.revenue).toBeCloseTo(400, 6);
		expect(view.limit).toBe(COMPARE_ROW_LIMIT);
	});

	it('shows rows that do not differ when asked, within the chosen family', async () => {
		const { families } = await getHierarchy(db, planId);
		const view = await getVersionCompare(db, viewer.id, plan(), 2, 1, {
			familyId: families[1].id,
			onlyDiffering: false
		});
		expect(view.table.lines.length).toBeGreaterThan(0);
		expect(view.table.lines.every((l) => l.sku === 'H-1' && !l.differs)).toBe(true);
		expect(view.table.differing).toBe(0);
	});

	it('compares against the previous cycle’s latest version, items matched by SKU', async () => {
		const view = await getVersionCompare(
			db,
			viewer.id,
			{ id: nextId, name: 'Plan February' },
			'previous',
			1,
			options
		);
		expect(view.a).toMatchObject({ number: 2, planName: 'Plan January', fromPreviousCycle: true });
		// The rolled horizon: February and March are compared; the copy kept their numbers.
		expect(view.periods).toEqual(['2027-02', '2027-03']);
		expect(view.table.onlyInA).toEqual([]);
		expect(view.table.onlyInB).toEqual([]);
		expect(view.table.lines.filter((l) => l.measureId === 'consensus')).toEqual([]);
	});

	it('is a 404 for a version the plan lacks, or a previous cycle the reader cannot see', async () => {
		const missing = await thrown(getVersionCompare(db, viewer.id, plan(), 1, 9, options));
		expect(isHttpError(missing) && missing.status).toBe(404);
		const noPrevious = await thrown(
			getVersionCompare(db, viewer.id, plan(), 'previous', 1, options)
		);
		expect(isHttpError(noPrevious) && noPrevious.body.message).toMatch(/no previous cycle/);
		await db.query(`delete from plan_members where plan_id = $1 and user_id = $2`, [
			planId,
			viewer.id
		]);
		const hidden = await thrown(
			getVersionCompare(
				db,
				viewer.id,
				{ id: nextId, name: 'Plan February' },
				'previous',
				1,
				options
			)
		);
		expect(isHttpError(hidden) && hidden.status).toBe(404);
		expect((await compareChoices(db, viewer.id, nextId)).previous).toBeNull();
		expect((await compareChoices(db, leader.id, nextId)).previous).toEqual({
			planId,
			planName: 'Plan January',
			number: 2
		});
		await setPlanRole(db, planId, viewer.id, 'viewer');
	});
});

/** A request to the compare page, as SvelteKit would hand it to its load. */
function event(user: TestUser, search: string, id = planId) {
	return {
		locals: {
			user: { id: user.id, name: user.name, email: 'x@example.test', color: '#000' },
			session: null
		},
		url: new URL(`http://localhost/plans/${id}/versions/compare${search}`),
		params: { plan: id }
	} as unknown as Parameters<typeof load>[0];
}

describe('compare page', () => {
	it('gives a member the comparison, the filter read from the address', async () => {
		const data = (await load(event(viewer, '?a=1&b=2'))) as { compare: VersionCompareView };
		expect(data.compare.onlyDiffering).toBe(true);
		expect(data.compare.table.lines.every((l) => l.differs)).toBe(true);
		// The checkbox sends only=0 then only=1 when ticked: the last one counts.
		const ticked = (await load(event(viewer, '?a=1&b=2&only=0&only=1'))) as typeof data;
		expect(ticked.compare.onlyDiffering).toBe(true);
		const all = (await load(event(viewer, '?a=1&b=2&only=0'))) as typeof data;
		expect(all.compare.onlyDiffering).toBe(false);
		expect(all.compare.table.lines.some((l) => !l.differs)).toBe(true);
	});

	it('refuses bad pairs with a 400 and unknown versions or strangers with a 404', async () => {
		for (const [search, status, message] of [
			['', 400, 'Choose two versions to compare (A and B).'],
			['?a=1', 400, 'Choose two versions to compare (A and B).'],
			['?a=one&b=2', 400, '“one” is not a version number.'],
			['?a=2&b=2', 400, /compared with itself/],
			['?a=1&b=7', 404, 'No approved version 7 of this plan']
		] as const) {
			const e = await thrown(load(event(viewer, search)));
			expect(isHttpError(e) && e.status, search).toBe(status);
			if (isHttpError(e)) expect(e.body.message).toMatch(message);
		}
		const e = await thrown(load(event(stranger, '?a=1&b=2')));
		expect(isHttpError(e) && e.status).toBe(404);
	});
});
