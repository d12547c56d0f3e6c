import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	cycleActor,
	functionTeam,
	planWithMembers,
	SEED,
	signedInUser,
	type TestUser
} from '../../helpers/fixtures.ts';
import { signOff } from '../../../src/lib/server/cycle.ts';
import { seedStepDocuments } from '../../../src/lib/server/plan-values.ts';
import { getScenarioAccess, insertScenario } from '../../../src/lib/server/scenarios.ts';
import { addMember } from '../../../src/lib/server/workspaces.ts';
import { setPlanRole } from '../../../src/lib/server/plans.ts';
import { scenarioDocument, stepDocument } from '../../../src/lib/domain/documents.ts';
import { canEditStep, STEP_NUMBERS } from '../../../src/lib/domain/roles.ts';
import type { Lever } from '../../../src/lib/domain/scenario/levers.ts';
import type { ScenarioActor } from '../../../src/lib/sync/scenario-ops.ts';
import type { Signer } from '../../../src/lib/domain/cycle.ts';
import { loadDocument } from '../../../src/lib/server/yjs-store.ts';
import {
	cellUpdate,
	collabSuite,
	connectPeer,
	RawClient,
	sleep,
	synced,
	upgradeStatus,
	waitFor
} from './harness.ts';

/**
 * Scenario documents on the collaboration server: who may open and write them (enforced on raw
 * updates a modified client sends), the ledger the server keeps beside people's edits, levers,
 * and merges back into the live plan through the door, cycle locks included.
 */
const s = collabSuite(
	async (db) => {
		const team = await functionTeam(db);
		const viewer = await signedInUser(db, 'Vi Viewer');
		const outsider = await signedInUser(db, 'Otto Outsider');
		return { ...team, viewer, outsider };
	},
	{ flushIntervalMs: 20 }
);

const MONTH = '2027-03';

async function freshPlan() {
	const { planId, itemId, workspaceId } = await planWithMembers(s.db, s.leader, s.members);
	await addMember(s.db, workspaceId, s.viewer.id, null);
	await setPlanRole(s.db, planId, s.viewer.id, 'viewer');
	await seedStepDocuments(
		s.db,
		planId,
		['2027-01', '2027-02', MONTH],
		[
			{ ownerId: itemId, period: MONTH, measureId: 'consensus', value: 100 },
			{ ownerId: itemId, period: MONTH, measureId: 'production', value: 80 },
			{ ownerId: itemId, period: '2027-02', measureId: 'consensus', value: 50 }
		],
		SEED
	);
	return { planId, itemId };
}

async function scenarioOf(
	planId: string,
	creator: TestUser,
	visibility: 'plan' | 'private' = 'plan'
) {
	const id = await insertScenario(
		s.db,
		planId,
		{ name: `What if ${Math.random()}`, description: '', visibility },
		null,
		creator.id
	);
	return { id, name: scenarioDocument(planId, id) };
}

async function actorOf(planId: string, scenarioId: string, user: TestUser): Promise<ScenarioActor> {
	const found = await getScenarioAccess(s.db, user.id, planId, scenarioId);
	if (!found) throw new Error(`${user.name} cannot see the scenario`);
	return {
		userId: user.id,
		name: user.name,
		scenarioSteps: found.rights.steps,
		planSteps: STEP_NUMBERS.filter((step) => canEditStep(found.plan, step)),
		manage: found.rights.manage,
		scenarioName: found.scenario.name
	};
}

/** The server's ledger beside a scenario document. */
const ledgerOf = (name: string) => `${name}/ledger`;

async function saved(name: string, map = 'cells'): Promise<Y.Map<unknown>> {
	const doc = new Y.Doc();
	await loadDocument(s.db, name, doc);
	return doc.getMap(map);
}

async function lockStep(planId: string, step: 1 | 2) {
	const signers: [TestUser, Signer][] = [
		[s.sales, 'sales'],
		[s.ops, 'operations'],
		[s.finance, 'finance']
	];
	for (const [user, signer] of signers) {
		const actor = await cycleActor(s.db, planId, user);
		await s.h.collab.cycleChange(planId, () => signOff(s.db, actor, step, signer, ''));
	}
}

describe('who may open and write a scenario document', () => {
	it('lets an editor write their own measures and keeps the fork value and writer', async () => {
		const { planId, itemId } = await freshPlan();
		const sc = await scenarioOf(planId, s.leader);
		const sales = await synced(connectPeer(s.h, sc.name, s.sales));
		const key = `${itemId}:${MONTH}:consensus`;
		sales.cells.set(key, 130);
		// The edit and the server's bookkeeping of it are saved by two documents' commits, in
		// either order.
		await waitFor(async () => (await saved(sc.name)).get(key) === 130, 'edit saved');
		await waitFor(
			async () => (await saved(ledgerOf(sc.name), 'fork')).get(key) === 100,
			'fork value saved'
		);
		expect((await saved(ledgerOf(sc.name), 'writers')).get(key)).toBe(`edit:${s.sales.id}`);
		// The ledger is the server's: browsers neither receive it nor may open it.
		expect(sales.doc.getMap('fork').size).toBe(0);
		const headers = { cookie: s.leader.cookie, origin: s.h.origin };
		expect(await upgradeStatus(`${s.h.url}/${ledgerOf(sc.name)}`, headers)).toBe(404);
		// The live plan did not move.
		expect((await saved(stepDocument(planId, 1))).get(key)).toBeUndefined();
	});

	it("closes a raw client that writes another function's measure; nothing is kept", async () => {
		const { planId, itemId } = await freshPlan();
		const sc = await scenarioOf(planId, s.leader);
		const raw = await RawClient.connect(s.h, sc.name, s.sales);
		raw.sendUpdate(cellUpdate(`${itemId}:${MONTH}:production`, 999));
		await waitFor(() => raw.closed !== null, 'connection closed');
		expect(raw.closed?.code).toBe(4400);
		expect(raw.closed?.reason).toMatch(/Production plan is not yours to change/);
		await sleep(60);
		expect((await saved(sc.name)).size).toBe(0);
	});

	it('refuses writes to the server-kept maps and cells that are no cell of the plan', async () => {
		const { planId, itemId } = await freshPlan();
		const sc = await scenarioOf(planId, s.leader);
		const crafted = [
			(() => {
				const doc = new Y.Doc();
				doc.getMap('fork').set(`${itemId}:${MONTH}:consensus`, 1);
				return Y.encodeStateAsUpdate(doc);
			})(),
			cellUpdate(`${itemId}:2031-01:consensus`, 5),
			cellUpdate(`${itemId}:${MONTH}:actual`, 5),
			cellUpdate(`${itemId}:${MONTH}:consensus`, -5)
		];
		for (const update of crafted) {
			const raw = await RawClient.connect(s.h, sc.name, s.leader);
			raw.sendUpdate(update);
			await waitFor(() => raw.closed !== null, 'connection closed');
			expect(raw.closed?.code).toBe(4400);
		}
		await sleep(60);
		expect((await saved(sc.name)).size).toBe(0);
		expect((await saved(ledgerOf(sc.name), 'fork')).size).toBe(0);
	});

	it('drops what a viewer sends and keeps outsiders and others out of private scenarios', async () => {
		const { planId, itemId } = await freshPlan();
		const open = await scenarioOf(planId, s.sales);
		const raw = await RawClient.connect(s.h, open.name, s.viewer);
		raw.sendUpdate(cellUpdate(`${itemId}:${MONTH}:consensus`, 7));
		await sleep(100);
		expect((await saved(open.name)).size).toBe(0);

		const headers = (u: TestUser) => ({ cookie: u.cookie, origin: s.h.origin });
		expect(await upgradeStatus(`${s.h.url}/${open.name}`, headers(s.outsider))).toBe(403);
		const hidden = await scenarioOf(planId, s.sales, 'private');
		expect(await upgradeStatus(`${s.h.url}/${hidden.name}`, headers(s.ops))).toBe(403);
		expect(await upgradeStatus(`${s.h.url}/${hidden.name}`, headers(s.viewer))).toBe(403);
		// Its creator changes every measure in it, not only their function's.
		const creator = await synced(connectPeer(s.h, hidden.name, s.sales));
		creator.cells.set(`${itemId}:${MONTH}:production`, 60);
		await waitFor(
			async () => (await saved(ledgerOf(hidden.name), 'fork')).size === 1,
			'bookkeeping'
		);
	});
});

describe('a scenario started from an approved version', () => {
	it("holds the version's values where they differ from the plan now, forked from the plan's", async () => {
		const { planId, itemId } = await freshPlan();
		const sc = await scenarioOf(planId, s.leader);
		const actor = await actorOf(planId, sc.id, s.leader);
		const row = (measure: string) => `${itemId}:${measure}`;
		const result = await s.h.collab.scenarioOp(planId, sc.id, actor, {
			kind: 'seed',
			periods: ['2027-02', MONTH],
			rows: [
				// February as the plan has it; March at 90 where the plan has 100.
				[row('consensus'), [50, 90]],
				[row('production'), [null, 80]],
				// Imported actuals and rows of items the plan no longer has are not a scenario's.
				[row('actual'), [1, 2]],
				['gone:consensus', [1, 2]]
			]
		});
		expect(result).toEqual({ kind: 'seed', cells: 1 });
		const key = `${itemId}:${MONTH}:consensus`;
		expect([...(await saved(sc.name)).entries()]).toEqual([[key, 90]]);
		expect((await saved(ledgerOf(sc.name), 'fork')).get(key)).toBe(100);
	});
});

describe('levers', () => {
	const lever = (over: Partial<Lever>): Lever => ({
		id: '',
		kind: 'percent',
		measure: 'consensus',
		scope: {},
		from: '2027-01',
		to: '2027-12',
		amount: 20,
		author: '',
		note: '',
		...over
	});

	it('applies a lever as one change seen live, lists it, and takes it off again', async () => {
		const { planId, itemId } = await freshPlan();
		const sc = await scenarioOf(planId, s.leader);
		const watcher = await synced(connectPeer(s.h, sc.name, s.finance));
		const actor = await actorOf(planId, sc.id, s.sales);
		const result = await s.h.collab.scenarioOp(planId, sc.id, actor, {
			kind: 'lever',
			lever: lever({})
		});
		expect(result).toEqual({ kind: 'lever', cells: 2 });
		await waitFor(() => watcher.cells.get(`${itemId}:${MONTH}:consensus`) === 120, 'lever seen');
		expect(watcher.cells.get(`${itemId}:2027-02:consensus`)).toBe(60);
		const levers = watcher.doc.getMap<{ authorName: string }>('levers');
		expect([...levers.values()].map((l) => l.authorName)).toEqual([s.sales.name]);

		const [leverId] = [...levers.keys()];
		const removed = await s.h.collab.scenarioOp(planId, sc.id, actor, {
			kind: 'remove-lever',
			leverId
		});
		expect(removed).toEqual({ kind: 'remove-lever', restored: 2, kept: 0 });
		await waitFor(() => watcher.cells.size === 0 && levers.size === 0, 'lever gone');
	});

	it('refuses a lever on a measure that is not theirs, or one that makes no sense', async () => {
		const { planId } = await freshPlan();
		const sc = await scenarioOf(planId, s.leader);
		const actor = await actorOf(planId, sc.id, s.sales);
		const run = (l: Lever) =>
			s.h.collab.scenarioOp(planId, sc.id, actor, { kind: 'lever', lever: l });
		await expect(run(lever({ measure: 'production' }))).rejects.toMatchObject({
			status: 403,
			message: expect.stringMatching(/Production plan belongs to Supply review/)
		});
		await expect(run(lever({ amount: -100 }))).rejects.toMatchObject({
			status: 422,
			message: 'Consensus demand cannot fall by 100 % or more (-100 %)'
		});
		await expect(run(lever({ from: '2027-06', to: '2027-02' }))).rejects.toMatchObject({
			status: 422,
			message: 'The range ends (2027-02) before it starts (2027-06)'
		});
		expect((await saved(sc.name)).size).toBe(0);
	});

	it("lets only a lever's author, the creator or a leader take it off", async () => {
		const { planId } = await freshPlan();
		const sc = await scenarioOf(planId, s.ops);
		const sales = await actorOf(planId, sc.id, s.sales);
		await s.h.collab.scenarioOp(planId, sc.id, sales, { kind: 'lever', lever: lever({}) });
		const [leverId] = [...(await saved(sc.name, 'levers')).keys()];
		const remove = (user: TestUser) =>
			actorOf(planId, sc.id, user).then((actor) =>
				s.h.collab.scenarioOp(planId, sc.id, actor, { kind: 'remove-lever', leverId })
			);
		await expect(remove(s.finance)).rejects.toMatchObject({ status: 403 });
		expect((await saved(sc.name)).size).toBe(2);
		// The scenario's creator may, though the lever is not theirs.
		await expect(remove(s.ops)).resolves.toMatchObject({ restored: 2 });
		await expect(remove(s.leader)).rejects.toMatchObject({ status: 404 });
	});
});

describe('merging back into the live plan', () => {
	it('stops at a conflict, then writes the settled cells for everyone on the plan', async () => {
		const { planId, itemId } = await freshPlan();
		const sc = await scenarioOf(planId, s.leader);
		const editor = await synced(connectPeer(s.h, sc.name, s.leader));
		const moved = `${itemId}:${MONTH}:consensus`;
		const calm = `${itemId}:2027-02:consensus`;
		editor.cells.set(moved, 140);
		editor.cells.set(calm, 70);
		await waitFor(async () => (await saved(ledgerOf(sc.name), 'fork')).size === 2, 'bookkeeping');
		// Meanwhile the live plan moves one of those cells.
		const live = await synced(connectPeer(s.h, stepDocument(planId, 1), s.sales));
		live.cells.set(moved, 110);
		await sleep(50);

		const actor = await actorOf(planId, sc.id, s.leader);
		const merge = (resolutions: [string, 'scenario' | 'base'][]) =>
			s.h.collab.scenarioOp(planId, sc.id, actor, {
				kind: 'merge',
				selection: { kind: 'all' },
				resolutions,
				promote: false,
				dryRun: false
			});
		const first = await merge([]);
		expect(first).toMatchObject({
			written: false,
			conflictCount: 1,
			conflicts: [{ key: moved, fork: 100, base: 110, scenario: 140 }]
		});
		expect(live.cells.get(calm)).toBeUndefined();

		const second = await merge([[moved, 'base']]);
		expect(second).toMatchObject({ written: true, applied: 1, keptBase: 1 });
		await waitFor(() => live.cells.get(calm) === 70, 'merged cell seen live');
		expect(live.cells.get(moved)).toBe(110);
	});

	it('refuses a merge into a locked step, and leaves other functions their steps', async () => {
		const { planId, itemId } = await freshPlan();
		const sc = await scenarioOf(planId, s.leader);
		const editor = await synced(connectPeer(s.h, sc.name, s.leader));
		editor.cells.set(`${itemId}:${MONTH}:consensus`, 150);
		editor.cells.set(`${itemId}:${MONTH}:production`, 90);
		await waitFor(async () => (await saved(ledgerOf(sc.name), 'fork')).size === 2, 'bookkeeping');

		const ops = await actorOf(planId, sc.id, s.ops);
		const tried = await s.h.collab.scenarioOp(planId, sc.id, ops, {
			kind: 'merge',
			selection: { kind: 'all' },
			resolutions: [],
			promote: false,
			dryRun: true
		});
		expect(tried).toMatchObject({ applied: 1, notYours: [{ step: 1, cells: 1 }], written: false });

		await lockStep(planId, 1);
		const leader = await actorOf(planId, sc.id, s.leader);
		await expect(
			s.h.collab.scenarioOp(planId, sc.id, leader, {
				kind: 'merge',
				selection: { kind: 'all' },
				resolutions: [],
				promote: false,
				dryRun: false
			})
		).rejects.toMatchObject({ status: 423 });
		expect((await saved(stepDocument(planId, 1))).get(`${itemId}:${MONTH}:consensus`)).toBe(
			undefined
		);
		expect((await saved(stepDocument(planId, 2))).get(`${itemId}:${MONTH}:production`)).toBe(
			undefined
		);
	});
});
