import { isHttpError, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { planWithMembers, signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { insertScenario } from '../../src/lib/server/scenarios.ts';
import { load } from '../../src/routes/plans/[plan]/scenarios/compare/+page.server.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let leader: TestUser;
let editor: TestUser;
let stranger: TestUser;
let planId: string;
let shared: { a: string; b: string; c: string; d: string };
let privateOfLeader: string;

beforeAll(async () => {
	db = await openTestDb();
	// The route's load reads the process database; in this file that is the test database.
	setDb(db);
	leader = await signedInUser(db, 'Lee Leader');
	editor = await signedInUser(db, 'Sam Sales');
	stranger = await signedInUser(db, 'Stranger');
	({ planId } = await planWithMembers(db, leader, [{ user: editor, fn: 'sales', role: 'editor' }]));
	const add = (name: string, visibility: 'plan' | 'private') =>
		insertScenario(db, planId, { name, description: '', visibility }, null, leader.id);
	shared = {
		a: await add('Promotion', 'plan'),
		b: await add('Plant outage', 'plan'),
		c: await add('Price rise', 'plan'),
		d: await add('New market', 'plan')
	};
	privateOfLeader = await add('Leader’s sketch', 'private');
});

afterAll(() => db.dispose());

function event(user: TestUser | null, ids: string[]) {
	const search = new URLSearchParams(ids.map((id) => ['s', id]));
	return {
		locals: {
			user: user && { id: user.id, name: user.name, email: 'x@example.test', color: '#000' },
			session: null
		},
		url: new URL(`http://localhost/plans/${planId}/scenarios/compare?${search}`),
		params: { plan: planId }
	} as unknown as Parameters<typeof load>[0];
}

type Loaded = { scenarios: { id: string; name: string }[]; periods: string[]; items: unknown[] };

async function refusal(promise: unknown): Promise<{ status: number; message: string }> {
	try {
		await promise;
	} catch (e) {
		if (isHttpError(e)) return { status: e.status, message: e.body.message };
		throw e;
	}
	throw new Error('expected the page to refuse');
}

describe('compare page', () => {
	it('gives the chosen scenarios in the order asked, with the plan’s rows and months', async () => {
		const data = (await load(event(editor, [shared.c, shared.a, shared.a]))) as Loaded;
		expect(data.scenarios).toEqual([
			{ id: shared.c, name: 'Price rise' },
			{ id: shared.a, name: 'Promotion' }
		]);
		expect(data.periods).toHaveLength(12);
		expect(data.items).toHaveLength(1);
	});

	it('shows no scenarios when none is chosen, for the page to say how to pick them', async () => {
		expect(((await load(event(editor, []))) as Loaded).scenarios).toEqual([]);
	});

	it('compares at most three', async () => {
		const four = [shared.a, shared.b, shared.c, shared.d];
		expect(await refusal(load(event(leader, four)))).toEqual({
			status: 400,
			message: expect.stringMatching(/^Compare at most three scenarios/)
		});
	});

	it('says not found for a scenario that does not exist or that the person may not see', async () => {
		const unknown = await refusal(load(event(leader, [shared.a, 'nosuchscenario'])));
		expect(unknown.status).toBe(404);
		expect(unknown.message).toMatch(/does not exist, or you may not see it/);
		const hidden = await refusal(load(event(editor, [shared.a, privateOfLeader])));
		expect(hidden).toEqual(unknown);
		// Its creator sees a private scenario.
		const own = (await load(event(leader, [privateOfLeader]))) as Loaded;
		expect(own.scenarios.map((s) => s.name)).toEqual(['Leader’s sketch']);
	});

	it('is closed to people outside the plan and asks strangers to sign in', async () => {
		const outside = await refusal(load(event(stranger, [shared.a])));
		expect(outside.status).toBe(404);
		expect(outside.message).toMatch(/no access/);
		try {
			await load(event(null, [shared.a]));
			expect.unreachable();
		} catch (e) {
			expect(isRedirect(e)).toBe(true);
		}
	});
});
