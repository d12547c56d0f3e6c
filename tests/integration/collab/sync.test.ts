import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openTestDb } from '../../helpers/db.ts';
import { planWithMembers, signedInUser, type TestUser } from '../../helpers/fixtures.ts';
import {
	cellUpdate,
	connectPeer,
	destroyPeers,
	logCount,
	RawClient,
	sleep,
	startCollab,
	synced,
	waitFor,
	type Harness
} from './harness.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let h: Harness;
let leader: TestUser;
let seller: TestUser;
let operator: TestUser;
let viewer: TestUser;
let planId: string;

beforeAll(async () => {
	db = await openTestDb();
	leader = await signedInUser(db, 'Lena Leader');
	seller = await signedInUser(db, 'Sam Sales');
	operator = await signedInUser(db, 'Olga Operations');
	viewer = await signedInUser(db, 'Vic Viewer');
	({ planId } = await planWithMembers(db, leader, [
		{ user: seller, fn: 'sales', role: 'editor' },
		{ user: operator, fn: 'operations', role: 'editor' },
		{ user: viewer, fn: null, role: 'viewer' }
	]));
	h = await startCollab(db, { flushIntervalMs: 20 });
});

afterEach(() => destroyPeers());

afterAll(async () => {
	await h.stop();
	await db.dispose();
});

describe('collab sync', () => {
	it('syncs edits between two writers both ways', async () => {
		const doc = `plan/${planId}/step/1`;
		const a = await synced(connectPeer(h, doc, leader));
		const b = await synced(connectPeer(h, doc, seller));
		a.cells.set('i1:2027-01:forecast', 10);
		b.cells.set('i1:2027-02:forecast', 20);
		await waitFor(() => b.cells.get('i1:2027-01:forecast') === 10, 'a -> b');
		await waitFor(() => a.cells.get('i1:2027-02:forecast') === 20, 'b -> a');
		expect(a.cells.toJSON()).toEqual(b.cells.toJSON());
		await waitFor(async () => (await logCount(db, doc)) === 2, 'both edits logged');
	});

	it('gives every fresh client the current state, also right after an edit', async () => {
		const doc = `plan/${planId}/step/3`;
		const writer = await synced(connectPeer(h, doc, leader));
		writer.cells.set('i1:2027-01:price', 1);
		const first = await synced(connectPeer(h, doc, seller));
		expect(first.cells.get('i1:2027-01:price')).toBe(1);
		writer.cells.set('i1:2027-01:price', 2);
		await waitFor(() => first.cells.get('i1:2027-01:price') === 2, 'relay');
		const second = await synced(connectPeer(h, doc, seller));
		expect(second.cells.get('i1:2027-01:price')).toBe(2);
	});

	it('drops updates from a viewer: nobody sees them and nothing is logged', async () => {
		const doc = `plan/${planId}/step/2`;
		const watcher = await synced(connectPeer(h, doc, leader));
		watcher.cells.set('i1:2027-01:production', 5);
		await waitFor(async () => (await logCount(db, doc)) === 1, 'leader edit logged');

		const raw = await RawClient.connect(h, doc, viewer);
		raw.sendUpdate(cellUpdate('i1:2027-01:production', 999));
		raw.sendUpdate(cellUpdate('i1:2027-03:receipts', 1));
		await sleep(200);

		expect(watcher.cells.get('i1:2027-01:production')).toBe(5);
		expect(watcher.cells.has('i1:2027-03:receipts')).toBe(false);
		expect(await logCount(db, doc)).toBe(1);
		expect(raw.acks).toEqual([]);
		expect(raw.closed).toBeNull();
		const fresh = new Y.Doc();
		await raw.sync(fresh);
		expect(fresh.getMap('cells').toJSON()).toEqual({ 'i1:2027-01:production': 5 });
		raw.close();
	});

	it('makes an operations editor read-only on step 1 but not on step 2', async () => {
		const step1 = `plan/${planId}/step/1`;
		const step2 = `plan/${planId}/step/2`;
		const leaderView1 = await synced(connectPeer(h, step1, leader));
		const leaderView2 = await synced(connectPeer(h, step2, leader));
		const ops1 = await synced(connectPeer(h, step1, operator));
		const ops2 = await synced(connectPeer(h, step2, operator));
		const before1 = await logCount(db, step1);

		ops1.cells.set('i1:2027-05:forecast', 77);
		ops2.cells.set('i1:2027-05:production', 88);
		await waitFor(() => leaderView2.cells.get('i1:2027-05:production') === 88, 'step 2 edit');
		await sleep(100);

		expect(leaderView1.cells.has('i1:2027-05:forecast')).toBe(false);
		expect(await logCount(db, step1)).toBe(before1);
	});
});
