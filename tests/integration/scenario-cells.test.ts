import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	cycleActor,
	functionTeam,
	planWithMembers,
	SEED,
	signedInUser,
	type TestUser
} from '../helpers/fixtures.ts';
import { scenarioDocument, stepDocument } from '../../src/lib/domain/documents.ts';
import { signOff } from '../../src/lib/server/cycle.ts';
import { registerCollab } from '../../src/lib/server/collab-bridge.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { seedStepDocuments } from '../../src/lib/server/plan-values.ts';
import { MAX_PUT_CELLS } from '../../src/lib/server/scenario-forms.ts';
import { getScenario, insertScenario, markPromoted } from '../../src/lib/server/scenarios.ts';
import { loadDocument } from '../../src/lib/server/yjs-store.ts';
import { GET, POST } from '../../src/routes/plans/[plan]/scenarios/cells/+server.ts';
import { collabSuite } from './collab/harness.ts';

/**
 * Edits a lock refused, put into a scenario instead of being lost: through the route, the real
 * collaboration server (the door) and the database. Every bad input is answered with its reason
 * and changes nothing.
 */
const s = collabSuite(async (db) => {
	// The route reaches this database and this collaboration server, as in the app.
	setDb(db);
	const team = await functionTeam(db);
	const viewer = await signedInUser(db, 'Vi Viewer');
	const outsider = await signedInUser(db, 'Otto Outsider');
	const { planId, itemId } = await planWithMembers(db, team.leader, [
		...team.members,
		{ user: viewer, fn: null, role: 'viewer' }
	]);
	await seedStepDocuments(
		db,
		planId,
		['2027-01', '2027-02', '2027-03'],
		[{ ownerId: itemId, period: MONTH, measureId: 'consensus', value: 100 }],
		SEED
	);
	return { ...team, viewer, outsider, planId, itemId };
});

const MONTH = '2027-03';
const consensus = () => `${s.itemId}:${MONTH}:consensus`;

beforeAll(() => registerCollab(s.h.collab));
afterAll(() => registerCollab(undefined));

const locals = (user: TestUser) => ({
	user: { id: user.id, name: user.name, email: user.email, color: '#000' },
	session: null
});
const url = () => new URL(`http://concord.test/plans/${s.planId}/scenarios/cells`);

async function post(
	user: TestUser,
	body: unknown,
	headers: Record<string, string> = { 'content-type': 'application/json' }
): Promise<{ status: number; body: Record<string, unknown> }> {
	const request = new Request(url(), {
		method: 'POST',
		headers: { origin: 'http://concord.test', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	const response = await POST({
		locals: locals(user),
		params: { plan: s.planId },
		request,
		url: url()
	} as unknown as Parameters<typeof POST>[0]);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function writable(user: TestUser) {
	const response = await GET({
		locals: locals(user),
		params: { plan: s.planId },
		url: url()
	} as unknown as Parameters<typeof GET>[0]);
	return {
		status: response.status,
		body: (await response.json()) as { mayCreate: boolean; scenarios: { name: string }[] }
	};
}

async function saved(name: string, map = 'cells'): Promise<Y.Map<unknown>> {
	const doc = new Y.Doc();
	await loadDocument(s.db, name, doc);
	return doc.getMap(map);
}

async function scenarioCount(): Promise<number> {
	const rows = await s.db.query<{ n: number }>(
		`select count(*)::int as n from scenarios where plan_id = $1`,
		[s.planId]
	);
	return rows[0].n;
}

const create = (name: string) => ({ create: { name, visibility: 'plan' } });

describe('putting refused edits into a scenario', () => {
	it('starts a scenario with them while their step is locked, forked from the plan', async () => {
		for (const [user, signer] of [
			[s.sales, 'sales'],
			[s.ops, 'operations'],
			[s.finance, 'finance']
		] as const) {
			const actor = await cycleActor(s.db, s.planId, user);
			await s.h.collab.cycleChange(s.planId, () => signOff(s.db, actor, 1, signer, ''));
		}
		const put = await post(s.sales, {
			scenario: create('Not saved offline'),
			cells: [{ key: consensus(), value: 70 }]
		});
		expect(put.status).toBe(200);
		expect(put.body).toMatchObject({ name: 'Not saved offline', cells: 1 });
		const id = put.body.id as string;
		const name = scenarioDocument(s.planId, id);
		expect([...(await saved(name)).entries()]).toEqual([[consensus(), 70]]);
		expect((await saved(`${name}/ledger`, 'fork')).get(consensus())).toBe(100);
		expect((await saved(`${name}/ledger`, 'writers')).get(consensus())).toBe(`edit:${s.sales.id}`);
		expect(await getScenario(s.db, s.planId, id)).toMatchObject({ createdBy: s.sales.id });
		// The locked plan did not move.
		expect((await saved(stepDocument(s.planId, 1))).get(consensus())).toBeUndefined();
	});

	it("puts them into an open scenario the person may edit, within that person's measures", async () => {
		const id = await insertScenario(
			s.db,
			s.planId,
			{ name: 'Leader idea', description: '', visibility: 'plan' },
			null,
			s.leader.id
		);
		expect((await writable(s.sales)).body.scenarios.map((x) => x.name)).toContain('Leader idea');
		const put = await post(s.sales, {
			scenario: { id },
			cells: [
				{ key: consensus(), value: 80 },
				{ key: `${s.itemId}:2027-02:consensus`, value: null }
			]
		});
		expect(put).toMatchObject({ status: 200, body: { id, name: 'Leader idea', cells: 2 } });
		const cells = await saved(scenarioDocument(s.planId, id));
		expect(cells.get(consensus())).toBe(80);
		expect(cells.get(`${s.itemId}:2027-02:consensus`)).toBeNull();

		// Price is finance's: not Sam's to change in the leader's scenario.
		const price = await post(s.sales, {
			scenario: { id },
			cells: [{ key: `${s.itemId}:${MONTH}:price`, value: 12 }]
		});
		expect(price).toEqual({
			status: 403,
			body: { error: expect.stringMatching(/^Price is not yours to change in this scenario/) }
		});
		expect((await saved(scenarioDocument(s.planId, id))).size).toBe(2);
	});

	it('refuses cells that are not of the plan, and starts no scenario for them', async () => {
		const before = await scenarioCount();
		for (const [key, error] of [
			['gone:2027-03:consensus', /has no item "gone"/],
			[`${s.itemId}:2031-01:consensus`, /"2031-01" is not a month of this plan/],
			[`${s.itemId}:${MONTH}:revenue`, /is not a cell of this plan/],
			[`${s.itemId}:${MONTH}:baseline`, /is read-only/]
		] as const) {
			const put = await post(s.sales, {
				scenario: create(`Bad ${key}`),
				cells: [{ key, value: 1 }]
			});
			expect(put.status).toBe(422);
			expect(put.body.error).toMatch(error);
		}
		const negative = await post(s.sales, {
			scenario: create('Negative'),
			cells: [{ key: consensus(), value: -5 }]
		});
		expect(negative).toEqual({
			status: 422,
			body: { error: 'Consensus demand cannot be negative' }
		});
		expect(await scenarioCount()).toBe(before);
	});

	it('refuses values that are not numbers, too many cells, and bodies that are not JSON', async () => {
		const before = await scenarioCount();
		const text = await post(s.sales, {
			scenario: create('Text'),
			cells: [{ key: consensus(), value: '70' }]
		});
		expect(text).toEqual({
			status: 400,
			body: { error: 'Each value must be a number (or null for an emptied cell)' }
		});
		const many = Array.from({ length: MAX_PUT_CELLS + 1 }, () => ({ key: consensus(), value: 1 }));
		expect(await post(s.sales, { scenario: create('Many'), cells: many })).toEqual({
			status: 400,
			body: { error: `Put at most ${MAX_PUT_CELLS.toLocaleString('en')} cells at once` }
		});
		expect(await post(s.sales, { scenario: create('None'), cells: [] })).toEqual({
			status: 400,
			body: { error: 'Send at least one cell' }
		});
		expect(
			await post(s.sales, { scenario: { create: { visibility: 'plan' } }, cells: [] })
		).toMatchObject({ status: 400 });
		expect(await post(s.sales, 'cells=1', { 'content-type': 'text/plain' })).toEqual({
			status: 415,
			body: { error: 'Send the request as JSON.' }
		});
		expect(await post(s.sales, '{"cells":', { 'content-type': 'application/json' })).toEqual({
			status: 400,
			body: { error: 'The request was not valid JSON.' }
		});
		expect(await scenarioCount()).toBe(before);
	});

	it('lets only people who may edit it put cells: viewers, outsiders and other sites are refused', async () => {
		const cells = [{ key: consensus(), value: 70 }];
		expect(await post(s.viewer, { scenario: create('Viewer'), cells })).toEqual({
			status: 403,
			body: { error: 'Viewers look at scenarios; an editor or a leader of the plan starts them' }
		});
		expect((await writable(s.viewer)).body).toEqual({ mayCreate: false, scenarios: [] });
		const shared = await insertScenario(
			s.db,
			s.planId,
			{ name: 'Shared', description: '', visibility: 'plan' },
			null,
			s.leader.id
		);
		expect(await post(s.viewer, { scenario: { id: shared }, cells })).toEqual({
			status: 403,
			body: { error: 'You look at “Shared”; its editors change it' }
		});
		const hidden = await insertScenario(
			s.db,
			s.planId,
			{ name: 'Hidden', description: '', visibility: 'private' },
			null,
			s.leader.id
		);
		expect(await post(s.sales, { scenario: { id: hidden }, cells })).toEqual({
			status: 404,
			body: { error: 'No such scenario on this plan, or it is not shared with you' }
		});
		await markPromoted(s.db, shared);
		expect(await post(s.sales, { scenario: { id: shared }, cells })).toEqual({
			status: 409,
			body: { error: '“Shared” was made the plan; choose another scenario' }
		});
		expect((await writable(s.sales)).body.scenarios.map((x) => x.name)).not.toContain('Shared');
		expect(await post(s.outsider, { scenario: create('Outsider'), cells })).toEqual({
			status: 404,
			body: { error: 'No such plan, or you have no access to it' }
		});
		expect((await writable(s.outsider)).status).toBe(404);
		const foreign = await post(
			s.sales,
			{ scenario: create('Foreign'), cells },
			{ 'content-type': 'application/json', origin: 'https://evil.example' }
		);
		expect(foreign).toEqual({
			status: 403,
			body: { error: 'Changes can only be made from Concord itself.' }
		});
		expect((await s.db.query(`select 1 from scenarios where name = 'Foreign'`)).length).toBe(0);
	});
});
