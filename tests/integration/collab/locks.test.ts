import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	cycleActor,
	functionTeam,
	planWithMembers,
	type TestUser
} from '../../helpers/fixtures.ts';
import { listEvents, readSteps, reopen, signOff } from '../../../src/lib/server/cycle.ts';
import { loadDocument } from '../../../src/lib/server/yjs-store.ts';
import type { Signer } from '../../../src/lib/domain/cycle.ts';
import type { StepNumber } from '../../../src/lib/domain/roles.ts';
import {
	cellUpdate,
	collabSuite,
	connectPeer,
	logCount,
	RawClient,
	sleep,
	synced,
	waitFor,
	type TestDb
} from './harness.ts';

/**
 * Sign-offs lock a step for every connection at once, and the server, not the client, keeps it
 * locked: a modified client sending raw updates to a locked step changes nothing for anyone.
 */
const s = collabSuite(functionTeam, { flushIntervalMs: 20 });

async function freshPlan() {
	const { planId, itemId: item } = await planWithMembers(s.db, s.leader, s.members);
	return { planId, item, step1: `plan/${planId}/step/1`, meta: `plan/${planId}/meta` };
}

/** A sign-off as the HTTP action makes it: through the collaboration server's cycle gate. */
async function sign(planId: string, user: TestUser, step: StepNumber, signer: Signer) {
	const actor = await cycleActor(s.db, planId, user);
	return s.h.collab.cycleChange(planId, () => signOff(s.db, actor, step, signer, ''));
}

async function lockStep1(planId: string) {
	await sign(planId, s.sales, 1, 'sales');
	await sign(planId, s.ops, 1, 'operations');
	await sign(planId, s.finance, 1, 'finance');
}

async function stored(db: TestDb, name: string): Promise<Y.Map<unknown>> {
	const doc = new Y.Doc();
	await loadDocument(db, name, doc);
	return doc.getMap('cells');
}

describe('step locks on the collaboration server', () => {
	it('refuses a raw update to a locked step: nobody sees it, nothing is stored', async () => {
		const { planId, step1, item } = await freshPlan();
		const watcher = await synced(connectPeer(s.h, step1, s.leader));
		await lockStep1(planId);
		const logged = await logCount(s.db, step1);

		const raw = await RawClient.connect(s.h, step1, s.sales);
		raw.sendUpdate(cellUpdate(`${item}:2027-01:forecast`, 999));
		await waitFor(() => raw.closed !== null, 'forger closed');
		expect(raw.closed).toEqual({
			code: 4423,
			reason: 'Step 1 is signed off and locked; your edit was not saved'
		});

		// A fresh client, the open one and the database all still hold nothing.
		const check = await synced(connectPeer(s.h, step1, s.ops));
		await sleep(100);
		expect(check.cells.has(`${item}:2027-01:forecast`)).toBe(false);
		expect(watcher.cells.has(`${item}:2027-01:forecast`)).toBe(false);
		expect(await logCount(s.db, step1)).toBe(logged);
		expect((await stored(s.db, step1)).size).toBe(0);
	});

	it('locks live: an open client’s next edit is refused, other steps stay writable', async () => {
		const { planId, step1, item } = await freshPlan();
		const seller = await synced(connectPeer(s.h, step1, s.sales));
		const watcher = await synced(connectPeer(s.h, step1, s.leader));
		seller.cells.set(`${item}:2027-01:forecast`, 10);
		await waitFor(
			() => watcher.cells.get(`${item}:2027-01:forecast`) === 10,
			'edit before the lock'
		);

		await lockStep1(planId);
		seller.cells.set(`${item}:2027-01:forecast`, 11);
		await waitFor(() => seller.closes.some((c) => c.code === 4423), 'seller refused');
		await sleep(50);
		expect(watcher.cells.get(`${item}:2027-01:forecast`)).toBe(10);

		const step2 = `plan/${planId}/step/2`;
		const planner = await synced(connectPeer(s.h, step2, s.ops));
		const step2Watcher = await synced(connectPeer(s.h, step2, s.leader));
		planner.cells.set(`${item}:2027-01:production`, 5);
		await waitFor(() => step2Watcher.cells.get(`${item}:2027-01:production`) === 5, 'step 2 edit');
	});

	it('refuses an edit made offline when its client comes back to a locked step', async () => {
		const { planId, step1, item } = await freshPlan();
		const seller = await synced(connectPeer(s.h, step1, s.sales));
		seller.provider.disconnect();
		seller.cells.set(`${item}:2027-03:forecast`, 33);
		await lockStep1(planId);
		seller.provider.connect();
		await waitFor(() => seller.closes.some((c) => c.code === 4423), 'offline edit refused');
		expect((await stored(s.db, step1)).has(`${item}:2027-03:forecast`)).toBe(false);
	});

	it('lets a client without new edits reconnect to a locked step', async () => {
		const { planId, step1, item } = await freshPlan();
		const seller = await synced(connectPeer(s.h, step1, s.sales));
		seller.cells.set(`${item}:2027-03:forecast`, 34);
		await waitFor(async () => (await stored(s.db, step1)).has(`${item}:2027-03:forecast`), 'saved');
		await lockStep1(planId);
		seller.provider.disconnect();
		seller.provider.connect();
		await synced(seller);
		await sleep(200);
		expect(seller.closes.filter((c) => c.code === 4423)).toEqual([]);
	});

	it('answers an edit held for the sync answer once that answer comes to a locked step', async () => {
		const { planId, step1, item } = await freshPlan();
		await lockStep1(planId);
		// An edit building on one the server never had waits for the client's sync answer; here
		// that answer brings nothing, and the step is locked: the sender must hear, not wait.
		const gapped = new Y.Doc();
		const cells = gapped.getMap('cells');
		cells.set(`${item}:2027-05:forecast`, 5); // never sent
		const before = Y.encodeStateVector(gapped);
		cells.set(`${item}:2027-06:forecast`, 6);
		const raw = await RawClient.connect(s.h, step1, s.sales);
		raw.sendUpdate(Y.encodeStateAsUpdate(gapped, before));
		await sleep(100);
		expect(raw.closed).toBeNull();
		raw.sendSyncStep2(Y.encodeStateAsUpdate(new Y.Doc()));
		await waitFor(() => raw.closed !== null, 'held edit answered');
		expect(raw.closed).toEqual({
			code: 4400,
			reason: 'refused: an update that depends on content the server does not have'
		});
		expect((await stored(s.db, step1)).has(`${item}:2027-06:forecast`)).toBe(false);
	});

	it('judges an edit that arrives while a sign-off is being saved by the lock it brings', async () => {
		const { planId, step1, item } = await freshPlan();
		await sign(planId, s.sales, 1, 'sales');
		await sign(planId, s.ops, 1, 'operations');
		const seller = await synced(connectPeer(s.h, step1, s.sales));
		const actor = await cycleActor(s.db, planId, s.finance);
		await s.h.collab.cycleChange(planId, async () => {
			// The edit reaches the server after the sign-off started and before it commits.
			seller.cells.set(`${item}:2027-01:forecast`, 12);
			await sleep(100);
			return signOff(s.db, actor, 1, 'finance', '');
		});
		await waitFor(() => seller.closes.some((c) => c.code === 4423), 'racing edit refused');
		expect((await stored(s.db, step1)).has(`${item}:2027-01:forecast`)).toBe(false);
		expect((await readSteps(s.db, planId))[0].signOffs).toHaveLength(3);
	});

	it('withdraws an open step’s sign-offs on the next edit, once, naming the editor', async () => {
		const { planId, step1, item } = await freshPlan();
		const seller = await synced(connectPeer(s.h, step1, s.sales));
		await sign(planId, s.sales, 1, 'sales');
		await sign(planId, s.ops, 1, 'operations');
		seller.cells.set(`${item}:2027-01:forecast`, 20);
		seller.cells.set(`${item}:2027-02:forecast`, 21);
		await waitFor(
			async () => (await readSteps(s.db, planId))[0].signOffs.length === 0,
			'sign-offs withdrawn'
		);
		await sleep(100);
		const withdrawn = (await listEvents(s.db, planId)).filter((e) => e.kind === 'withdrawn');
		expect(withdrawn.map((e) => [e.userName, e.detail])).toEqual([
			['Sam Sales', 'Sales, Operations: the numbers changed']
		]);
	});

	it('reopens live: after a leader reopens, the step takes edits again', async () => {
		const { planId, step1, item } = await freshPlan();
		await lockStep1(planId);
		const actor = await cycleActor(s.db, planId, s.leader);
		await s.h.collab.cycleChange(planId, () => reopen(s.db, actor, 1, 'Late order from Acme'));
		const seller = await synced(connectPeer(s.h, step1, s.sales));
		const watcher = await synced(connectPeer(s.h, step1, s.leader));
		seller.cells.set(`${item}:2027-01:forecast`, 30);
		await waitFor(
			() => watcher.cells.get(`${item}:2027-01:forecast`) === 30,
			'edit after reopening'
		);
		expect(seller.closes).toEqual([]);
	});

	it('tells the plan’s open browsers through the meta document that the cycle changed', async () => {
		const { planId, meta } = await freshPlan();
		const browser = await synced(connectPeer(s.h, meta, s.finance));
		const notices = browser.doc.getMap<number>('notices');
		const before = notices.get('cycle') ?? 0;
		await sign(planId, s.sales, 1, 'sales');
		await waitFor(() => (notices.get('cycle') ?? 0) > before, 'cycle notice');
		expect(notices.get('comments')).toBeUndefined();
	});
});
