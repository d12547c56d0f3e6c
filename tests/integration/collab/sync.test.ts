import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planWithMembers, signedInUser } from '../../helpers/fixtures.ts';
import {
	cellUpdate,
	collabSuite,
	connectPeer,
	logCount,
	RawClient,
	sleep,
	synced,
	waitFor
} from './harness.ts';

const s = collabSuite(
	async (db) => {
		const leader = await signedInUser(db, 'Lena Leader');
		const seller = await signedInUser(db, 'Sam Sales');
		const operator = await signedInUser(db, 'Olga Operations');
		const viewer = await signedInUser(db, 'Vic Viewer');
		const { planId, itemId: item } = await planWithMembers(db, leader, [
			{ user: seller, fn: 'sales', role: 'editor' },
			{ user: operator, fn: 'operations', role: 'editor' },
			{ user: viewer, fn: null, role: 'viewer' }
		]);
		return { leader, seller, operator, viewer, planId, item };
	},
	{ flushIntervalMs: 20 }
);

describe('collab sync', () => {
	it('syncs edits between two writers both ways', async () => {
		const doc = `plan/${s.planId}/step/1`;
		const a = await synced(connectPeer(s.h, doc, s.leader));
		const b = await synced(connectPeer(s.h, doc, s.seller));
		a.cells.set(`${s.item}:2027-01:forecast`, 10);
		b.cells.set(`${s.item}:2027-02:forecast`, 20);
		await waitFor(() => b.cells.get(`${s.item}:2027-01:forecast`) === 10, 'a -> b');
		await waitFor(() => a.cells.get(`${s.item}:2027-02:forecast`) === 20, 'b -> a');
		expect(a.cells.toJSON()).toEqual(b.cells.toJSON());
		await waitFor(async () => (await logCount(s.db, doc)) === 2, 'both edits logged');
	});

	it('gives every fresh client the current state, also right after an edit', async () => {
		const doc = `plan/${s.planId}/step/3`;
		const writer = await synced(connectPeer(s.h, doc, s.leader));
		writer.cells.set(`${s.item}:2027-01:price`, 1);
		const first = await synced(connectPeer(s.h, doc, s.seller));
		expect(first.cells.get(`${s.item}:2027-01:price`)).toBe(1);
		writer.cells.set(`${s.item}:2027-01:price`, 2);
		await waitFor(() => first.cells.get(`${s.item}:2027-01:price`) === 2, 'relay');
		const second = await synced(connectPeer(s.h, doc, s.seller));
		expect(second.cells.get(`${s.item}:2027-01:price`)).toBe(2);
	});

	it('drops updates from a viewer: nobody sees them and nothing is logged', async () => {
		const doc = `plan/${s.planId}/step/2`;
		const watcher = await synced(connectPeer(s.h, doc, s.leader));
		watcher.cells.set(`${s.item}:2027-01:production`, 5);
		await waitFor(async () => (await logCount(s.db, doc)) === 1, 'leader edit logged');

		const raw = await RawClient.connect(s.h, doc, s.viewer);
		raw.sendUpdate(cellUpdate(`${s.item}:2027-01:production`, 999));
		raw.sendUpdate(cellUpdate(`${s.item}:2027-03:receipts`, 1));
		await sleep(200);

		expect(watcher.cells.get(`${s.item}:2027-01:production`)).toBe(5);
		expect(watcher.cells.has(`${s.item}:2027-03:receipts`)).toBe(false);
		expect(await logCount(s.db, doc)).toBe(1);
		expect(raw.acks).toEqual([]);
		expect(raw.closed).toBeNull();
		const fresh = new Y.Doc();
		await raw.sync(fresh);
		expect(fresh.getMap('cells').toJSON()).toEqual({ [`${s.item}:2027-01:production`]: 5 });
		raw.close();
	});

	it('makes an operations editor read-only on step 1 but not on step 2', async () => {
		const step1 = `plan/${s.planId}/step/1`;
		const step2 = `plan/${s.planId}/step/2`;
		const leaderView1 = await synced(connectPeer(s.h, step1, s.leader));
		const leaderView2 = await synced(connectPeer(s.h, step2, s.leader));
		const ops1 = await synced(connectPeer(s.h, step1, s.operator));
		const ops2 = await synced(connectPeer(s.h, step2, s.operator));
		const before1 = await logCount(s.db, step1);

		ops1.cells.set(`${s.item}:2027-05:forecast`, 77);
		ops2.cells.set(`${s.item}:2027-05:production`, 88);
		await waitFor(
			() => leaderView2.cells.get(`${s.item}:2027-05:production`) === 88,
			'step 2 edit'
		);
		await sleep(100);

		expect(leaderView1.cells.has(`${s.item}:2027-05:forecast`)).toBe(false);
		expect(await logCount(s.db, step1)).toBe(before1);
	});

	it("sends a turn's first edit on as written, before it is applied, and merges the rest of the turn into one message; none back to its writer", async () => {
		const doc = `plan/${s.planId}/step/1`;
		const watcher = await RawClient.connect(s.h, doc, s.leader);
		const watched = new Y.Doc();
		await watcher.sync(watched);
		const writer = await RawClient.connect(s.h, doc, s.seller);
		await writer.sync(new Y.Doc());
		const seen = watcher.messages.length;
		const written = writer.messages.length;
		// Sent back to back from this process, all three arrive before the server reads: one turn.
		const keys = ['2027-04', '2027-05', '2027-06'].map((month) => `${s.item}:${month}:forecast`);
		const edits = keys.map((key, i) => cellUpdate(key, i + 1));
		for (const edit of edits) writer.sendUpdate(edit);
		await waitFor(() => writer.acks.at(-1) === 3, 'all three saved');

		const updates = watcher.messages.slice(seen).filter(isUpdate);
		expect(updates).toHaveLength(2);
		expect(payloadOf(updates[0])).toEqual(edits[0]);
		for (const update of updates) Y.applyUpdate(watched, payloadOf(update));
		expect(keys.map((key) => watched.getMap('cells').get(key))).toEqual([1, 2, 3]);
		expect(writer.messages.slice(written).filter(isUpdate)).toEqual([]);
		watcher.close();
		writer.close();
	});

	it('relays only what is new of an update that repeats content the server has, and nothing of a repeat', async () => {
		const doc = `plan/${s.planId}/step/1`;
		const watcher = await RawClient.connect(s.h, doc, s.leader);
		await watcher.sync(new Y.Doc());
		const writer = await RawClient.connect(s.h, doc, s.seller);
		await writer.sync(new Y.Doc());
		const seen = watcher.messages.length;
		const own = new Y.Doc();
		const [first, second] = ['2027-07', '2027-08'].map((month) => `${s.item}:${month}:forecast`);
		own.getMap('cells').set(first, 7);
		const firstEdit = Y.encodeStateAsUpdate(own);
		own.getMap('cells').set(second, 8);
		// As a modified client might: the first edit again, then everything it has (both edits).
		for (const [i, update] of [firstEdit, firstEdit, Y.encodeStateAsUpdate(own)].entries()) {
			writer.sendUpdate(update);
			await waitFor(() => writer.acks.at(-1) === i + 1, `message ${i + 1} saved`);
		}

		const relayed = watcher.messages
			.slice(seen)
			.filter(isUpdate)
			.map((message) => Y.decodeUpdate(payloadOf(message)).structs);
		const cellsOf = (structs: (typeof relayed)[number]) =>
			structs.map((struct) => (struct instanceof Y.Item ? struct.parentSub : null));
		expect(relayed.map(cellsOf)).toEqual([[first], [second]]);
		watcher.close();
		writer.close();
	});
});

const isUpdate = (message: Uint8Array) => message[0] === 0 && message[1] === 2;

function payloadOf(message: Uint8Array): Uint8Array {
	const decoder = decoding.createDecoder(message);
	decoding.readVarUint(decoder);
	decoding.readVarUint(decoder);
	return decoding.readVarUint8Array(decoder);
}
