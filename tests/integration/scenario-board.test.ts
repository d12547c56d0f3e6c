import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { planWithMembers, signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { insertScenario } from '../../src/lib/server/scenarios.ts';
import { registerCollab } from '../../src/lib/server/collab-bridge.ts';
import { actions, load } from '../../src/routes/plans/[plan]/scenarios/[scenario]/+page.server.ts';

/**
 * The scenario board's page: who may open it, and what its forms say to bad input before anything
 * reaches the collaboration server (which these tests replace by one that must not be called).
 */
let db: Awaited<ReturnType<typeof openTestDb>>;
let leader: TestUser;
let editor: TestUser;
let planId: string;
let shared: string;
let hidden: string;

beforeAll(async () => {
	db = await openTestDb();
	setDb(db);
	leader = await signedInUser(db, 'Lee Leader');
	editor = await signedInUser(db, 'Sam Sales');
	({ planId } = await planWithMembers(db, leader, [{ user: editor, fn: 'sales', role: 'editor' }]));
	const add = (name: string, visibility: 'plan' | 'private') =>
		insertScenario(db, planId, { name, description: '', visibility }, null, leader.id);
	shared = await add('Promotion', 'plan');
	hidden = await add('Leader’s sketch', 'private');
	const untouched = () => Promise.reject(new Error('a refused form must not reach the server'));
	registerCollab({
		refreshAccess: async () => {},
		notify: () => {},
		cycleChange: (_planId, change) => change(),
		write: untouched,
		writePlan: untouched,
		scenarioOp: untouched,
		firstScreen: untouched
	});
});

afterAll(async () => {
	registerCollab(undefined);
	await db.dispose();
});

function event(user: TestUser, scenarioId: string, form: Record<string, string> = {}) {
	const body = new FormData();
	for (const [k, v] of Object.entries(form)) body.set(k, v);
	return {
		locals: { user: { id: user.id, name: user.name, email: 'x@example.test', color: '#000' } },
		url: new URL(`http://localhost/plans/${planId}/scenarios/${scenarioId}`),
		params: { plan: planId, scenario: scenarioId },
		request: new Request('http://localhost/', { method: 'POST', body })
	} as unknown as Parameters<typeof load>[0] & Parameters<typeof actions.lever>[0];
}

describe('the scenario board page', () => {
	it("opens a scenario with the plan's board and the person's rights on it", async () => {
		const data = (await load(event(editor, shared))) as {
			scenario: { name: string; rights: { steps: number[] } };
			items: unknown[];
		};
		expect(data.scenario.name).toBe('Promotion');
		expect(data.scenario.rights.steps).toEqual([1]);
		expect(data.items).toHaveLength(1);
	});

	it('answers 404 for a scenario the person may not see, or that is not there', async () => {
		for (const id of [hidden, 'nosuchscenario']) {
			try {
				await load(event(editor, id));
				throw new Error('expected a 404');
			} catch (e) {
				if (!isHttpError(e)) throw e;
				expect(e.status).toBe(404);
				expect(e.body.message).toBe('No such scenario on this plan, or it is not shared with you');
			}
		}
	});

	it('says what is wrong with a lever or a merge form, and changes nothing', async () => {
		const lever = await actions.lever(
			event(editor, shared, {
				kind: 'percent',
				measure: 'consensus',
				from: '2027-01',
				to: '2027-02',
				amount: 'lots'
			})
		);
		expect(lever).toMatchObject({
			status: 400,
			data: { error: 'Enter the amount as a number, e.g. 20 or -5' }
		});
		const merge = await actions.merge(event(editor, shared, { what: 'family' }));
		expect(merge).toMatchObject({ status: 400, data: { error: 'Choose the family to merge' } });
		const remove = await actions.removeLever(event(editor, shared, {}));
		expect(remove).toMatchObject({ status: 400, data: { error: 'Choose a lever' } });
	});
});
