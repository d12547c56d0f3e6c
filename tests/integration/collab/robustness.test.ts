import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planWithMembers, signedInUser } from '../../helpers/fixtures.ts';
import { collabSuite, connectPeer, type Peer, RawClient, synced, waitFor } from './harness.ts';

const s = collabSuite(
	async (db) => {
		const leader = await signedInUser(db, 'Lena Leader');
		const seller = await signedInUser(db, 'Sam Sales');
		const { planId, itemId: item } = await planWithMembers(db, leader, [
			{ user: seller, fn: 'sales', role: 'editor' }
		]);
		const doc = `plan/${planId}/step/1`;
		return { leader, seller, planId, doc, item };
	},
	{ maxMessageBytes: 64 * 1024, flushIntervalMs: 20 }
);

/** Two honest peers that must keep working whatever a third client does. */
async function honestPair(): Promise<[Peer, Peer]> {
	const a = await synced(connectPeer(s.h, s.doc, s.leader));
	const b = await synced(connectPeer(s.h, s.doc, s.seller));
	a.cells.set(`${s.item}:2027-01:forecast`, 1);
	await waitFor(() => b.cells.get(`${s.item}:2027-01:forecast`) === 1, 'initial edit');
	return [a, b];
}

async function stillWorking(a: Peer, b: Peer, value: number): Promise<void> {
	b.cells.set(`${s.item}:2027-02:forecast`, value);
	await waitFor(
		() => a.cells.get(`${s.item}:2027-02:forecast`) === value,
		'edit after the incident'
	);
	expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
}

describe('collab robustness', () => {
	it('closes only the connection that sends an oversized message (1009)', async () => {
		const [a, b] = await honestPair();
		const big = new Y.Doc();
		big.getMap('cells').set(`${s.item}:2027-03:forecast`, 1);
		big.getMap('notes').set('blob', 'x'.repeat(100 * 1024));
		const raw = await RawClient.connect(s.h, s.doc, s.seller);
		raw.sendUpdate(Y.encodeStateAsUpdate(big));
		await waitFor(() => raw.closed !== null, 'oversized sender closed');
		expect(raw.closed?.code).toBe(1009);
		await stillWorking(a, b, 2);
		expect(a.cells.has(`${s.item}:2027-03:forecast`)).toBe(false);
	});

	it('closes a client sending a malformed update with 4400 and logs the reason once', async () => {
		const [a, b] = await honestPair();
		const before = a.cells.toJSON();
		const raw = await RawClient.connect(s.h, s.doc, s.seller);
		const logsBefore = s.h.logs.length;
		raw.sendUpdate(Uint8Array.of(7, 200, 3, 1, 9, 9, 9, 250, 1));
		await waitFor(() => raw.closed !== null, 'malformed sender closed');
		expect(raw.closed).toEqual({ code: 4400, reason: 'invalid update' });
		const lines = s.h.logs.slice(logsBefore).filter((line) => line.includes('malformed'));
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
			const raw = await RawClient.connect(s.h, s.doc, s.seller);
			raw.send(message);
			await waitFor(() => raw.closed !== null, 'bad sender closed');
			expect(raw.closed?.code).toBe(4400);
		}
		await stillWorking(a, b, 4);
	});
});
