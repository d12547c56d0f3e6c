import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSession, generateSessionToken } from '../../../src/lib/server/auth/session.ts';
import { getHierarchy } from '../../../src/lib/server/plans.ts';
import { planWithMembers, signedInUser, type TestUser } from '../../helpers/fixtures.ts';
import { collabSuite, connectPeer, RawClient, sleep, synced, waitFor } from './harness.ts';

/**
 * An acknowledgement means "in Postgres and in the document": whatever a modified client sends,
 * an edit the server acknowledges is one every other browser gets.
 */
const s = collabSuite(
	async (db) => {
		const leader = await signedInUser(db, 'Lena Leader');
		const seller = await signedInUser(db, 'Sam Sales');
		const { planId } = await planWithMembers(db, leader, [
			{ user: seller, fn: 'sales', role: 'editor' }
		]);
		const [item] = (await getHierarchy(db, planId)).items;
		return { leader, seller, item: item.id, doc: `plan/${planId}/step/1` };
	},
	{ flushIntervalMs: 20 }
);

/** A browser's document that is not connected: its edits wait to be sent. */
function offlineDoc(): { doc: Y.Doc; edit(month: string, value: number): Uint8Array } {
	const doc = new Y.Doc();
	return {
		doc,
		edit(month, value) {
			const before = Y.encodeStateVector(doc);
			doc.getMap('cells').set(`${s.item}:${month}:forecast`, value);
			return Y.encodeStateAsUpdate(doc, before);
		}
	};
}

async function sendAndAck(raw: RawClient, update: Uint8Array): Promise<void> {
	const acked = raw.acks.length;
	raw.sendUpdate(update);
	await waitFor(() => raw.acks.length > acked, 'acknowledged');
}

async function valueSeenByOthers(month: string): Promise<number | undefined> {
	const check = await synced(connectPeer(s.h, s.doc, s.leader));
	return check.cells.get(`${s.item}:${month}:forecast`);
}

describe('what an acknowledgement promises', () => {
	it('refuses writes under a client ID another person wrote under; the owner’s offline edits are saved', async () => {
		const victim = offlineDoc();
		const online = await RawClient.connect(s.h, s.doc, s.seller);
		await sendAndAck(online, victim.edit('2027-01', 1));

		// Mallory (the leader here) saw the victim's client ID in the relayed update and writes
		// under it, taking the clock the victim's next edit will use.
		const forger = await RawClient.connect(s.h, s.doc, s.leader);
		const forged = new Y.Doc();
		await forger.sync(forged);
		forged.clientID = victim.doc.clientID;
		const before = Y.encodeStateVector(forged);
		forged.getMap('cells').set(`${s.item}:2027-02:forecast`, 666);
		forger.sendUpdate(Y.encodeStateAsUpdate(forged, before));
		await waitFor(() => forger.closed !== null, 'forger closed');
		expect(forger.closed?.code).toBe(4400);
		expect(forger.closed?.reason).toMatch(/belongs to another person/);

		// The victim, offline meanwhile, comes back with an edit under its own ID: saved, and seen.
		online.close();
		const back = await RawClient.connect(s.h, s.doc, s.seller);
		await sendAndAck(back, victim.edit('2027-03', 3));
		expect(await valueSeenByOthers('2027-03')).toBe(3);
		expect(await valueSeenByOthers('2027-02')).toBeUndefined();
	});

	it('lets the same person write under their client ID from another session', async () => {
		const mine = offlineDoc();
		const first = await RawClient.connect(s.h, s.doc, s.seller);
		await sendAndAck(first, mine.edit('2027-04', 4));
		const token = generateSessionToken();
		await createSession(s.db, token, s.seller.id);
		const otherSession: TestUser = { ...s.seller, token, cookie: `concord_session=${token}` };
		const second = await RawClient.connect(s.h, s.doc, otherSession);
		await sendAndAck(second, mine.edit('2027-05', 5));
		expect(await valueSeenByOthers('2027-05')).toBe(5);
		expect(second.closed).toBeNull();
	});

	it('holds an update that depends on content the server lacks until the sync answer brings it', async () => {
		// After a server restart, a browser's first edit can build on its own edits the old server
		// never saved; its answer to the new server's sync step 1 brings them.
		const gapped = offlineDoc();
		const lost = gapped.edit('2027-10', 10);
		const raw = await RawClient.connect(s.h, s.doc, s.seller);
		raw.sendUpdate(gapped.edit('2027-11', 11));
		await sleep(100);
		expect(raw.acks).toEqual([]);
		expect(await valueSeenByOthers('2027-11')).toBeUndefined();
		raw.sendSyncStep2(lost);
		await waitFor(() => raw.acks.at(-1) === 2, 'both saved');
		expect(raw.closed).toBeNull();
		expect(await valueSeenByOthers('2027-10')).toBe(10);
		expect(await valueSeenByOthers('2027-11')).toBe(11);
	});

	it("takes a colleague's unsaved edit from a sync answer without taking their client ID", async () => {
		// Relayed to the leader's browser, then lost with the server that never saved it.
		const colleague = offlineDoc();
		const relayed = colleague.edit('2027-12', 12);
		const leader = await RawClient.connect(s.h, s.doc, s.leader);
		leader.sendSyncStep2(relayed);
		await waitFor(() => leader.acks.length > 0, 'leader synced');
		expect(await valueSeenByOthers('2027-12')).toBe(12);
		// Its author goes on writing under the client ID: still theirs.
		const author = await RawClient.connect(s.h, s.doc, s.seller);
		await sendAndAck(author, colleague.edit('2027-09', 9));
		expect(author.closed).toBeNull();
		expect(await valueSeenByOthers('2027-09')).toBe(9);
	});

	it('holds no more than a bounded number of such updates: past it, the sender is refused', async () => {
		const gapped = offlineDoc();
		gapped.edit('2027-08', 0); // never sent
		const raw = await RawClient.connect(s.h, s.doc, s.seller);
		// A modified client that never answers the sync: a hundred are held, the next is refused.
		for (let i = 1; i <= 101; i++) raw.sendUpdate(gapped.edit('2027-08', i));
		await waitFor(() => raw.closed !== null, 'sender closed');
		expect(raw.closed).toEqual({
			code: 4400,
			reason: 'refused: an update that depends on content the server does not have'
		});
		expect(raw.acks).toEqual([]);
		expect(await valueSeenByOthers('2027-08')).toBeUndefined();
	});

	it('refuses, and never acknowledges, an update that depends on content the server lacks', async () => {
		const gapped = offlineDoc();
		gapped.edit('2027-06', 6); // never sent
		const raw = await RawClient.connect(s.h, s.doc, s.seller);
		raw.sendUpdate(gapped.edit('2027-07', 7));
		// The sync answer does not bring what it builds on: refused then.
		raw.sendSyncStep2(new Uint8Array([0, 0]));
		await waitFor(() => raw.closed !== null, 'sender closed');
		expect(raw.closed).toEqual({
			code: 4400,
			reason: 'refused: an update that depends on content the server does not have'
		});
		expect(raw.acks).toEqual([]);
		await sleep(50);
		expect(await valueSeenByOthers('2027-07')).toBeUndefined();

		// Sent whole, the same edits are taken.
		const whole = await RawClient.connect(s.h, s.doc, s.seller);
		await sendAndAck(whole, Y.encodeStateAsUpdate(gapped.doc));
		expect(await valueSeenByOthers('2027-07')).toBe(7);
	});
});
