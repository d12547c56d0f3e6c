import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { postAction } from '../helpers/actions.ts';
import {
	cycleActor,
	functionTeam,
	planWithMembers,
	SEED,
	signedInUser,
	type TestUser
} from '../helpers/fixtures.ts';
import { scenarioDocument } from '../../src/lib/domain/documents.ts';
import { cellKey } from '../../src/lib/domain/measures.ts';
import { SCENARIO_CELLS_MAP, SCENARIO_LEVERS_MAP } from '../../src/lib/domain/scenario/document.ts';
import { signOff } from '../../src/lib/server/cycle.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { getVersion, listVersions } from '../../src/lib/server/plan-versions.ts';
import { seedStepDocuments } from '../../src/lib/server/plan-values.ts';
import {
	scenarioSummaries,
	visibleScenarioSummaries
} from '../../src/lib/server/scenario-summaries.ts';
import { appendUpdates } from '../../src/lib/server/yjs-log.ts';
import { actions as planActions } from '../../src/routes/plans/[plan]/+page.server.ts';
import { actions, load } from '../../src/routes/plans/[plan]/scenarios/+page.server.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let leader: TestUser;
let sales: TestUser;
let ops: TestUser;
let finance: TestUser;
let viewer: TestUser;
let planId: string;
let itemId: string;

beforeAll(async () => {
	db = await openTestDb();
	// The routes read the process database; in this file that is the test database.
	setDb(db);
	const team = await functionTeam(db);
	({ leader, sales, ops, finance } = team);
	viewer = await signedInUser(db, 'Vic Viewer');
	({ planId, itemId } = await planWithMembers(db, leader, [
		...team.members,
		{ user: viewer, fn: null, role: 'viewer' }
	]));
	await seedStepDocuments(
		db,
		planId,
		['2027-01'],
		[
			{ ownerId: itemId, period: '2027-01', measureId: 'consensus', value: 10 },
			{ ownerId: itemId, period: '2027-01', measureId: 'price', value: 25 },
			{ ownerId: itemId, period: '2027-01', measureId: 'production', value: 10 }
		],
		SEED
	);
});
afterAll(() => db.dispose());

const path = () => `/plans/${planId}/scenarios`;
const create = (user: TestUser, form: Record<string, string | string[]>) =>
	postAction(actions.create, form, { path: path(), user, params: { plan: planId } });
const newId = (location: string | undefined) => location?.split('/').at(-1) ?? '';

type Listed = Awaited<ReturnType<typeof visibleScenarioSummaries>>;
/** The scenarios the list page shows this person. */
async function listFor(user: TestUser): Promise<Listed> {
	const data = (await load({
		locals: { user: { ...user, color: '#000' }, session: null },
		url: new URL(`http://concord.test${path()}`),
		params: { plan: planId }
	} as unknown as Parameters<typeof load>[0])) as { scenarios: Listed };
	return data.scenarios;
}

/** Writes cells and levers into a scenario's saved document, as its room would have saved them. */
async function saveScenario(id: string, cells: [string, number | null][], levers = 0) {
	const doc = new Y.Doc();
	let update: Uint8Array | null = null;
	doc.on('update', (u: Uint8Array) => (update = u));
	doc.transact(() => {
		for (const [key, value] of cells) doc.getMap(SCENARIO_CELLS_MAP).set(key, value);
		for (let i = 0; i < levers; i++) doc.getMap(SCENARIO_LEVERS_MAP).set(`lever-${i}`, {});
	});
	await appendUpdates(db, scenarioDocument(planId, id), [{ update: update!, userId: null }]);
}

describe('starting a scenario', () => {
	it('refuses a form without a name or a choice of who sees it, next to the field', async () => {
		const empty = await create(leader, { name: '  ', visibility: 'plan' });
		expect(empty.status).toBe(400);
		expect(empty.data).toMatchObject({ errors: { name: 'Give the scenario a name' } });
		const bad = await create(leader, { name: 'Promo', visibility: 'everyone' });
		expect(bad.status).toBe(400);
		expect(bad.data).toMatchObject({
			errors: { visibility: expect.stringMatching(/Choose who sees the scenario/) },
			values: { name: 'Promo', visibility: 'everyone' }
		});
	});

	it('starts one from the live plan and opens it; the same name in other letters is taken', async () => {
		const made = await create(leader, {
			name: 'Summer promo',
			description: 'Ten percent more in January',
			visibility: 'plan',
			base: 'live'
		});
		expect(made.status).toBe(303);
		expect(made.location).toMatch(new RegExp(`^/plans/${planId}/scenarios/\\w+$`));
		const [listed] = (await listFor(sales)).filter((s) => s.id === newId(made.location));
		expect(listed).toMatchObject({
			name: 'Summer promo',
			description: 'Ten percent more in January',
			baseVersion: null,
			createdByName: leader.name,
			status: 'open',
			summary: { cellsChanged: 0, levers: 0, delta: { demand: 0, revenue: 0 } }
		});

		const taken = await create(sales, { name: 'SUMMER PROMO', visibility: 'plan' });
		expect(taken.status).toBe(409);
		expect(taken.data).toMatchObject({
			errors: {
				name: 'This plan already has a scenario called “SUMMER PROMO”; choose another name'
			}
		});
	});

	it('lets a viewer look but not start one', async () => {
		const refused = await create(viewer, { name: 'Viewer idea', visibility: 'plan' });
		expect(refused.status).toBe(403);
		expect(refused.data).toMatchObject({ errors: { form: expect.stringMatching(/Viewers look/) } });
		expect((await listFor(viewer)).map((s) => s.name)).not.toContain('Viewer idea');
	});

	it('shows a private scenario to its author, the leaders and the people named, not to other editors', async () => {
		const made = await create(sales, {
			name: 'Sales only',
			visibility: 'private',
			editors: [finance.id]
		});
		expect(made.status).toBe(303);
		const sees = async (user: TestUser) =>
			(await listFor(user)).some((s) => s.name === 'Sales only');
		expect(await sees(sales)).toBe(true);
		expect(await sees(leader)).toBe(true);
		expect(await sees(finance)).toBe(true);
		expect(await sees(ops)).toBe(false);
		expect(await sees(viewer)).toBe(false);
		const [listed] = (await listFor(leader)).filter((s) => s.name === 'Sales only');
		expect(listed.editors.map((e) => e.name)).toEqual([finance.name]);
	});
});

describe('scenario summaries', () => {
	it('counts changed cells and levers and gives the KPI changes against the saved plan', async () => {
		const made = await create(leader, { name: 'Bigger January', visibility: 'plan' });
		const id = newId(made.location);
		await saveScenario(
			id,
			[
				[cellKey(itemId, '2027-01', 'consensus'), 14],
				[cellKey(itemId, '2027-01', 'price'), null]
			],
			2
		);
		const untouched = (await listFor(leader)).find((s) => s.name === 'Summer promo')!;
		const [summary, plain] = await scenarioSummaries(db, planId, [id, untouched.id]);
		expect(summary.cellsChanged).toBe(2);
		expect(summary.levers).toBe(2);
		// 4 more units asked, none more made; the price cleared takes the plan's €250 of revenue.
		expect(summary.delta.demand).toBe(4);
		expect(summary.delta.supplyGap).toBe(-4);
		expect(summary.delta.revenue).toBe(-250);
		expect(plain).toMatchObject({ cellsChanged: 0, levers: 0 });
		expect(plain.delta.demand).toBe(0);
		expect(await scenarioSummaries(db, planId, [])).toEqual([]);
	});
});

describe('approval with a chosen scenario', () => {
	it('keeps the scenario the executive review chose on the approved version', async () => {
		const sign = async (
			user: TestUser,
			step: 1 | 2 | 3,
			signer: 'sales' | 'operations' | 'finance'
		) => signOff(db, await cycleActor(db, planId, user), step, signer, '');
		await sign(sales, 1, 'sales');
		await sign(ops, 1, 'operations');
		await sign(finance, 1, 'finance');
		await sign(ops, 2, 'operations');
		await sign(sales, 2, 'sales');
		await sign(finance, 3, 'finance');
		await sign(ops, 3, 'operations');

		const chosen = (await listFor(leader)).find((s) => s.name === 'Summer promo')!;
		const approve = (user: TestUser, scenario: string) =>
			postAction(
				planActions.signOff,
				{ step: '4', signer: 'leader', remark: '', scenario },
				{ path: `/plans/${planId}`, user, params: { plan: planId } }
			);
		const unknown = await approve(leader, 'no-such-scenario');
		expect(unknown.status).toBe(400);
		expect(unknown.error).toMatch(/Choose one of the plan’s scenarios/);

		expect((await approve(leader, chosen.id)).status).toBe(200);
		const [version] = await listVersions(db, planId);
		expect(version.scenarioName).toBe('Summer promo');
		expect((await getVersion(db, planId, version.number))?.scenarioName).toBe('Summer promo');
	});
});
