import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openTestDb } from '../../helpers/db.ts';
import { periods } from '../../../src/lib/domain/periods.ts';
import { createPlan, getHierarchy } from '../../../src/lib/server/plans.ts';
import {
	planWithMembers,
	sampleFamilies,
	signedInUser,
	type TestUser
} from '../../helpers/fixtures.ts';
import { loadDocument } from '../../../src/lib/server/yjs-store.ts';
import { CLOSE_MALFORMED } from '../../../src/lib/sync/protocol.ts';
import { gatedDb, interceptDb } from './db-wrappers.ts';
import {
	cellUpdate,
	connectPeer,
	destroyPeer,
	destroyPeers,
	isSyncStep1,
	isSyncStep2,
	logCount,
	RawClient,
	sleep,
	startCollab,
	synced,
	waitFor,
	type Harness,
	type Peer
} from './harness.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let leader: TestUser;
let seller: TestUser;
let planId: string;
let item: string;
const running = new Set<Harness>();

beforeAll(async () => {
	db = await openTestDb();
	leader = await signedInUser(db, 'Lena Leader');
	seller = await signedInUser(db, 'Sam Sales');
	({ planId, itemId: item } = await planWithMembers(db, leader, [
		{ user: seller, fn: 'sales', role: 'editor' }
	]));
});

afterEach(async () => {
	destroyPeers();
	for (const h of running) await h.stop();
	running.clear();
});

afterAll(() => db.dispose());

async function start(...args: Parameters<typeof startCollab>): Promise<Harness> {
	const h = await startCollab(...args);
	running.add(h);
	return h;
}

async function stop(h: Harness): Promise<void> {
	running.delete(h);
	await h.stop();
}

/**
 * A new plan's step 1 with one item's forecast typed for months 1-3 (1, 2, 3), then `edit`, and
 * the server stopped: its shutdown compacts, so the step is stored as a snapshot alone.
 */
async function compactedStep(edit?: (writer: Peer, key: (m: number) => string) => void) {
	const { planId: plan, itemId } = await planWithMembers(db, leader, [
		{ user: seller, fn: 'sales', role: 'editor' }
	]);
	const name = `plan/${plan}/step/1`;
	const key = (m: number) => `${itemId}:2027-0${m}:forecast`;
	const h = await start(db, { flushIntervalMs: 10 });
	const writer = await synced(connectPeer(h, name, leader));
	for (let m = 1; m <= 3; m++) writer.cells.set(key(m), m);
	edit?.(writer, key);
	await waitFor(async () => (await logCount(db, name)) > 0, 'logged');
	await stop(h);
	destroyPeers();
	expect(await logCount(db, name)).toBe(0);
	return { name, key };
}

/**
 * The database, with a room's load held at two points until the test lets it on: the read of the
 * stored document (`openRead`), then the read of the plan's items (`openItems`).
 */
function heldLoad() {
	let openRead = () => {};
	const read = new Promise<void>((resolve) => (openRead = resolve));
	let openItems = () => {};
	const items = new Promise<void>((resolve) => (openItems = resolve));
	const held = interceptDb(
		interceptDb(db, /from yjs_snapshots/, () => read),
		/from items where plan_id/,
		() => items
	);
	return { held, openRead, openItems };
}

async function snapshotOf(name: string): Promise<Y.Doc | null> {
	const [row] = await db.query<{ state: Uint8Array }>(
		`select state from yjs_snapshots where doc = $1`,
		[name]
	);
	if (!row) return null;
	const doc = new Y.Doc();
	Y.applyUpdate(doc, row.state);
	return doc;
}

describe('collab persistence', () => {
	it('acknowledges edits (message 100) only after their rows are committed', async () => {
		const name = `plan/${planId}/step/1`;
		const gate = gatedDb(db);
		const h = await start(gate.db, { flushIntervalMs: 20 });
		const raw = await RawClient.connect(h, name, seller);
		gate.hold();
		const first = cellUpdate(`${item}:2027-01:forecast`, 1);
		raw.sendUpdate(first);
		raw.sendUpdate(cellUpdate(`${item}:2027-02:forecast`, 2));
		await sleep(300);
		expect(raw.acks).toEqual([]);
		expect(await logCount(db, name)).toBe(0);

		gate.release();
		await waitFor(() => raw.acks.includes(2), 'ack of 2');
		const rows = await db.query<{ user_id: string }>(
			`select user_id from yjs_updates where doc = $1`,
			[name]
		);
		expect(rows.map((r) => r.user_id)).toEqual([seller.id, seller.id]);

		// A repeated and an empty update change nothing, write no row, and still count.
		raw.sendUpdate(first);
		raw.sendUpdate(Uint8Array.of(0, 0));
		await waitFor(() => raw.acks.includes(4), 'ack of 4');
		expect(await logCount(db, name)).toBe(2);
		expect(raw.acks).toEqual([...raw.acks].sort((x, y) => x - y));
		raw.close();
	});

	it('keeps edits across a server restart and loads them before answering sync', async () => {
		const name = `plan/${planId}/step/2`;
		const h1 = await start(db, { flushIntervalMs: 60_000 });
		const writer = await synced(connectPeer(h1, name, leader));
		const reader = await synced(connectPeer(h1, name, seller));
		for (let m = 1; m <= 3; m++) writer.cells.set(`${item}:2027-0${m}:production`, m * 100);
		await waitFor(() => reader.cells.size === 3, 'relay');
		expect(h1.collab.stats().pendingUpdates).toBe(3);
		// close() saves what the (long) flush interval has not yet written.
		await stop(h1);
		expect((await logCount(db, name)) + ((await snapshotOf(name)) ? 1 : 0)).toBeGreaterThan(0);
		destroyPeers();

		const slowLoad = interceptDb(db, /from yjs_snapshots/, () => sleep(300));
		const h2 = await start(slowLoad);
		const again = connectPeer(h2, name, seller);
		await waitFor(() => again.provider.synced, 'synced');
		// Checked at the moment of sync: an early answer would have been an empty document.
		expect(again.cells.toJSON()).toEqual({
			[`${item}:2027-01:production`]: 100,
			[`${item}:2027-02:production`]: 200,
			[`${item}:2027-03:production`]: 300
		});
	});

	it('compacts into a snapshot identical to the document and empties the log', async () => {
		const name = `plan/${planId}/step/3`;
		// No pause needed: this compaction runs while the writer types.
		const h = await start(db, { flushIntervalMs: 10, compactEvery: 5, compactQuietMs: 0 });
		const writer = await synced(connectPeer(h, name, leader));
		for (let i = 0; i < 12; i++) {
			writer.cells.set(`${item}:2027-${String((i % 12) + 1).padStart(2, '0')}:price`, i + 0.5);
			if (i === 6) writer.cells.set(`${item}:2027-01:price`, 99);
			await sleep(5);
		}
		await waitFor(async () => (await snapshotOf(name)) !== null, 'snapshot written');
		await waitFor(async () => (await logCount(db, name)) < 5, 'log compacted');

		await stop(h);
		expect(await logCount(db, name)).toBe(0);
		const snapshot = await snapshotOf(name);
		expect(snapshot?.getMap('cells').toJSON()).toEqual(writer.cells.toJSON());
		expect(writer.cells.get(`${item}:2027-01:price`)).toBe(99);

		const h2 = await start(db);
		const reader = await synced(connectPeer(h2, name, leader));
		expect(reader.cells.toJSON()).toEqual(writer.cells.toJSON());
	});

	/** A fresh step document typed into `count` times, an edit every 5 ms; its name and writer. */
	async function typedInto(h: Harness, count: number) {
		const { planId: typed, itemId } = await planWithMembers(db, leader);
		const name = `plan/${typed}/step/1`;
		const writer = await synced(connectPeer(h, name, leader));
		for (let i = 0; i < count; i++) {
			writer.cells.set(`${itemId}:2027-${String((i % 12) + 1).padStart(2, '0')}:forecast`, i);
			await sleep(5);
		}
		return { name, writer };
	}

	it('puts compaction off while people type, and compacts in their first pause', async () => {
		// Due after 5 updates; overdue (compacted at once) after 20.
		const typing = await start(db, {
			flushIntervalMs: 10,
			compactEvery: 5,
			compactQuietMs: 60_000
		});
		const busy = await typedInto(typing, 12);
		await waitFor(async () => (await logCount(db, busy.name)) >= 12, 'edits logged');
		// Several beats later: without a pause, the log stays as it is.
		await sleep(300);
		expect(await snapshotOf(busy.name)).toBeNull();

		const pausing = await start(db, { flushIntervalMs: 10, compactEvery: 5, compactQuietMs: 200 });
		const paused = await typedInto(pausing, 12);
		await waitFor(
			async () => (await logCount(db, paused.name)) === 0,
			'log compacted in the pause'
		);
		expect((await snapshotOf(paused.name))?.getMap('cells').toJSON()).toEqual(
			paused.writer.cells.toJSON()
		);
	});

	it('compacts a log grown four times past due at once, pause or not', async () => {
		const h = await start(db, { flushIntervalMs: 10, compactEvery: 5, compactQuietMs: 60_000 });
		const { name, writer } = await typedInto(h, 24);
		await waitFor(async () => (await snapshotOf(name)) !== null, 'overdue compaction');
		const snapshot = (await snapshotOf(name))!.getMap('cells');
		// Compacted from 20 updates on: the last edits may have come after it.
		expect(snapshot.size).toBeGreaterThanOrEqual(12);
		await stop(h);
		expect((await snapshotOf(name))?.getMap('cells').toJSON()).toEqual(writer.cells.toJSON());
	});

	it('answers fresh clients of a compacted document with its state, and after an edit with that too', async () => {
		const { name, key } = await compactedStep((writer, key) => writer.cells.delete(key(2)));
		// Shutdown compacted: the snapshot alone is the document, and loading says so.
		const stored = await loadDocument(db, name, new Y.Doc());
		expect(stored.state).not.toBeNull();

		const h2 = await start(db, { flushIntervalMs: 10 });
		const first = await synced(connectPeer(h2, name, seller));
		expect(first.cells.toJSON()).toEqual({ [key(1)]: 1, [key(3)]: 3 });
		const loaded = new Y.Doc();
		Y.applyUpdate(loaded, stored.state!);
		expect(Y.encodeStateVector(first.doc)).toEqual(Y.encodeStateVector(loaded));

		first.cells.set(key(1), 10);
		await waitFor(async () => (await logCount(db, name)) === 1, 'edit logged');
		const second = await synced(connectPeer(h2, name, leader));
		expect(second.cells.toJSON()).toEqual({ [key(1)]: 10, [key(3)]: 3 });
		// A snapshot with a later log row is no longer the whole document.
		expect((await loadDocument(db, name, new Y.Doc())).state).toBeNull();
	});

	it('answers a client asking for the whole of a stored document before building it, and only once', async () => {
		const { name, key } = await compactedStep();

		// The stored document is read only once both clients have asked, and the room's load then
		// stays unfinished: the plan's items are not read until the test lets them.
		const { held, openRead, openItems } = heldLoad();
		const h2 = await start(held, { flushIntervalMs: 10 });
		const fresh = await RawClient.connect(h2, name, seller);
		const freshDoc = new Y.Doc();
		const freshSync = fresh.sync(freshDoc);
		// A client that already holds the document asks with its state vector: it gets what it
		// lacks once the document is built, not the whole snapshot again.
		const back = await RawClient.connect(h2, name, leader);
		const backDoc = new Y.Doc();
		backDoc.getMap('cells').set(key(1), 1);
		const backSync = back.sync(backDoc);
		await sleep(200);
		openRead();

		await freshSync;
		expect(freshDoc.getMap('cells').toJSON()).toEqual({ [key(1)]: 1, [key(2)]: 2, [key(3)]: 3 });
		// The room has not started anyone yet: its own sync step 1 comes once the load is done.
		await sleep(100);
		expect(fresh.messages.filter(isSyncStep1)).toHaveLength(0);
		expect(back.messages.filter(isSyncStep2)).toHaveLength(0);

		openItems();
		await backSync;
		expect(backDoc.getMap('cells').toJSON()).toEqual({ [key(1)]: 1, [key(2)]: 2, [key(3)]: 3 });
		// Once built, the room serves the early client like any other: its edit is saved, and it
		// never got the whole document a second time.
		fresh.sendUpdate(cellUpdate(key(4), 4));
		await waitFor(() => fresh.acks.includes(1), 'edit acknowledged');
		expect(fresh.messages.filter(isSyncStep2)).toHaveLength(1);
		fresh.close();
		back.close();
	});

	it('answers early a client whose queued messages include garbage, and closes it for that once the room starts', async () => {
		const { name, key } = await compactedStep();
		const { held, openRead, openItems } = heldLoad();
		const h2 = await start(held, { flushIntervalMs: 10 });
		// A modified client sends an unknown message before its sync step 1; both wait in its queue.
		const bad = await RawClient.connect(h2, name, leader);
		bad.send(Uint8Array.of(42));
		const badSync = bad.sync(new Y.Doc());
		const good = await RawClient.connect(h2, name, seller);
		const goodSync = good.sync(new Y.Doc());
		await sleep(200);
		openRead();

		// Both are answered from the snapshot; the garbage is judged when the room starts, not before.
		await Promise.all([badSync, goodSync]);
		expect(bad.closed).toBeNull();
		openItems();
		await waitFor(() => bad.closed !== null, 'the modified client closed');
		expect(bad.closed).toMatchObject({ code: CLOSE_MALFORMED });

		good.sendUpdate(cellUpdate(key(4), 4));
		await waitFor(() => good.acks.includes(1), 'edit acknowledged');
		expect(good.closed).toBeNull();
		good.close();
		await stop(h2);
		const stored = new Y.Doc();
		await loadDocument(db, name, stored);
		expect(stored.getMap('cells').toJSON()).toEqual({
			[key(1)]: 1,
			[key(2)]: 2,
			[key(3)]: 3,
			[key(4)]: 4
		});
	});

	it('does not rewrite a large snapshot for a few small edits', async () => {
		// Cells are keyed by the plan's items and months: 20,000 of them take a plan of 1,700 items.
		const { workspaceId } = await planWithMembers(db, leader);
		const bigPlan = await createPlan(
			db,
			{
				workspaceId,
				name: 'Large plan',
				startMonth: '2027-01',
				horizon: 12,
				families: sampleFamilies(2, 850)
			},
			leader.id
		);
		const items = (await getHierarchy(db, bigPlan)).items.map((i) => i.id);
		const months = periods('2027-01', 12);
		const name = `plan/${bigPlan}/step/1`;
		const h = await start(db, { flushIntervalMs: 10, compactEvery: 5 });
		const writer = await synced(connectPeer(h, name, leader));
		writer.doc.transact(() => {
			for (let i = 0; i < 20_000; i++) {
				writer.cells.set(`${items[Math.floor(i / 12)]}:${months[i % 12]}:forecast`, i);
			}
		});
		for (let i = 0; i < 4; i++) writer.cells.set(`${items[0]}:2027-0${i + 1}:marketing`, i);
		// Folded on a worker thread, which the first large compaction starts.
		await waitFor(async () => (await snapshotOf(name)) !== null, 'first snapshot', 15_000);
		await waitFor(async () => (await logCount(db, name)) === 0, 'first compaction');

		for (let i = 0; i < 6; i++) writer.cells.set(`${items[1]}:2027-0${i + 1}:marketing`, i);
		await waitFor(async () => (await logCount(db, name)) === 6, 'small edits logged');
		await stop(h);
		// Six edits of a few dozen bytes do not justify rewriting a 500 KB snapshot, not even at close.
		expect(await logCount(db, name)).toBe(6);
		expect((await snapshotOf(name))?.getMap('cells').size).toBe(20_004);

		const h2 = await start(db);
		const reader = await synced(connectPeer(h2, name, leader));
		expect(reader.cells.toJSON()).toEqual(writer.cells.toJSON());
	});

	it('unloads an idle document after flushing and compacting it', async () => {
		const { planId: quietPlan, itemId: quietItem } = await planWithMembers(db, leader);
		const name = `plan/${quietPlan}/step/2`;
		const h = await start(db, { idleUnloadMs: 150, flushIntervalMs: 10_000 });
		const writer = connectPeer(h, name, leader);
		let acks = 0;
		writer.provider.messageHandlers[100] = () => void acks++;
		await synced(writer);
		// Its sync answer is saved on a beat that has gone: the edit waits for the next, 10 s on.
		await waitFor(() => acks > 0, 'sync answer acknowledged');
		writer.cells.set(`${quietItem}:2027-01:production`, 1);
		await waitFor(() => h.collab.stats().pendingUpdates === 1, 'update received');
		expect(h.collab.stats().docs).toBe(1);
		destroyPeer(writer);

		await waitFor(() => h.collab.stats().docs === 0, 'document unloaded');
		expect(await logCount(db, name)).toBe(0);
		expect((await snapshotOf(name))?.getMap('cells').toJSON()).toEqual({
			[`${quietItem}:2027-01:production`]: 1
		});

		const reader = await synced(connectPeer(h, name, leader));
		expect(reader.cells.get(`${quietItem}:2027-01:production`)).toBe(1);
		expect(h.collab.stats()).toEqual({ docs: 1, connections: 1, pendingUpdates: 0 });
	});
});
