import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openTestDb } from '../../helpers/db.ts';
import { planWithMembers, signedInUser, type TestUser } from '../../helpers/fixtures.ts';
import {
	connectPeer,
	destroyPeers,
	RawClient,
	startCollab,
	synced,
	waitFor,
	type Harness,
	type Peer
} from './harness.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let h: Harness;
let leader: TestUser;
let seller: TestUser;
let planId: string;
let doc: string;

beforeAll(async () => {
	db = await openTestDb();
	leader = await signedInUser(db, 'Lena Leader');
	seller = await signedInUser(db, 'Sam Sales');
	({ planId } = await planWithMembers(db, leader, [{ user: seller, fn: 'sales', role: 'editor' }]));
	doc = `plan/${planId}/step/1`;
	h = await startCollab(db, { maxMessageBytes: 64 * 1024, flushIntervalMs: 20 });
});

afterEach(() => destroyPeers());

afterAll(async () => {
	await h.stop();
	await db.dispose();
});

/** Two honest peers that must keep working whatever a third client does. */
async function honestPair(): Promise<[Peer, Peer]> {
	const a = await synced(connectPeer(h, doc, leader));
	const b = await synced(connectPeer(h, doc, seller));
	a.cells.set('i1:2027-01:forecast', 1);
	await waitFor(() => b.cells.get('i1:2027-01:forecast') === 1, 'initial edit');
	return [a, b];
}

async function stillWorking(a: Peer, b: Peer, value: number): Promise<void> {
	b.cells.set('i1:2027-02:forecast', value);
	await waitFor(() => a.cells.get('i1:2027-02:forecast') === value, 'edit after the incident');
	expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
}

describe('collab robustness', () => {
	it('closes only the connection that sends an oversized message (1009)', async () => {
		const [a, b] = await honestPair();
		const big = new Y.Doc();
		big.getMap('cells').set('i1:2027-03:forecast', 1);
		big.getMap('notes').set('blob', 'x'.repeat(100 * 1024));
		const raw = await RawClient.connect(h, doc, seller);
		raw.sendUpdate(Y.encodeStateAsUpdate(big));
		await waitFor(() => raw.closed !== null, 'oversized sender closed');
		expect(raw.closed?.code).toBe(1009);
		await stillWorking(a, b, 2);
		expect(a.cells.has('i1:2027-03:forecast')).toBe(false);
	});

	it('closes a client sending a malformed update with 4400 and logs the reason once', async () => {
		const [a, b] = await honestPair();
		const before = a.cells.toJSON();
		const raw = await RawClient.connect(h, doc, seller);
		const logsBefore = h.logs.length;
		raw.sendUpdate(Uint8Array.of(7, 200, 3, 1, 9, 9, 9, 250, 1));
		await waitFor(() => raw.closed !== null, 'malformed sender closed');
		expect(raw.closed).toEqual({ code: 4400, reason: 'invalid update' });
		const lines = h.logs.slice(logsBefore).filter((line) => line.includes('malformed'));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain('invalid update');
		expect(a.cells.toJSON()).toEqual(before);
		await stillWorking(a, b, 3);
	});

	it('closes clients sending unknown, truncated or trailing-byte messages with 4400', async () => {
		const [a, b] = await honestPair();
		const bad = [
			Uint8Array.of(42),
			Uint8Array.of(0, 2, 50, 1, 2),
			Uint8Array.of(3, 0),
			Uint8Array.of(0, 9, 0)
		];
		for (const message of bad) {
			const raw = await RawClient.connect(h, doc, seller);
			raw.send(message);
			await waitFor(() => raw.closed !== null, 'bad sender closed');
			expect(raw.closed?.code).toBe(4400);
		}
		await stillWorking(a, b, 4);
	});
});
