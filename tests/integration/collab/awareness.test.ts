import { describe, expect, it } from 'vitest';
import { planWithMembers, signedInUser } from '../../helpers/fixtures.ts';
import {
	awarenessEntries,
	awarenessMessage,
	collabSuite,
	connectPeer,
	destroyPeer,
	RawClient,
	sleep,
	synced,
	waitFor
} from './harness.ts';

const s = collabSuite(async (db) => {
	const leader = await signedInUser(db, 'Lena Leader');
	const viewer = await signedInUser(db, 'Vic Viewer');
	const mallory = await signedInUser(db, 'Mal Member');
	const { planId } = await planWithMembers(db, leader, [
		{ user: viewer, fn: null, role: 'viewer' },
		{ user: mallory, fn: 'sales', role: 'editor' }
	]);
	const meta = `plan/${planId}/meta`;
	return { leader, viewer, mallory, meta };
});

describe('collab awareness', () => {
	it('shows others the server-verified user, whatever name a client claims', async () => {
		const liar = await synced(connectPeer(s.h, s.meta, s.mallory));
		const observer = await synced(connectPeer(s.h, s.meta, s.viewer));
		liar.provider.awareness.setLocalState({
			user: { id: s.leader.id, name: 'Mallory', color: '#000000' },
			cell: 'i1:2027-01:forecast'
		});
		const id = liar.provider.awareness.clientID;
		await waitFor(
			() => observer.provider.awareness.getStates().get(id)?.cell !== undefined,
			'state'
		);
		const seen = observer.provider.awareness.getStates().get(id);
		expect(seen?.user).toEqual({ id: s.mallory.id, name: 'Mal Member', color: expect.any(String) });
		expect(seen?.cell).toBe('i1:2027-01:forecast');
	});

	it("refuses a client writing another client's awareness entry", async () => {
		const honest = await synced(connectPeer(s.h, s.meta, s.leader));
		const observer = await synced(connectPeer(s.h, s.meta, s.viewer));
		honest.provider.awareness.setLocalStateField('cell', 'i1:2027-01:forecast');
		const id = honest.provider.awareness.clientID;
		await waitFor(
			() => observer.provider.awareness.getStates().get(id)?.cell !== undefined,
			'state'
		);

		const raw = await RawClient.connect(s.h, s.meta, s.mallory);
		raw.send(awarenessMessage(id, 10_000, { cell: 'hijacked' }));
		raw.send(awarenessMessage(id, 10_001, null));
		await sleep(200);

		const seen = observer.provider.awareness.getStates().get(id);
		expect(seen?.cell).toBe('i1:2027-01:forecast');
		expect(seen?.user.name).toBe('Lena Leader');
		expect(raw.closed).toBeNull();
		raw.close();
	});

	it('relays renewals back to their sender and removes a closed connection from presence', async () => {
		const a = await synced(connectPeer(s.h, s.meta, s.leader));
		const b = await synced(connectPeer(s.h, s.meta, s.viewer));
		a.provider.awareness.setLocalStateField('cell', 'x');
		const id = a.provider.awareness.clientID;
		await waitFor(() => b.provider.awareness.getStates().has(id), 'a visible to b');

		const raw = await RawClient.connect(s.h, s.meta, s.mallory);
		const before = raw.messages.length;
		raw.send(awarenessMessage(424242, 3, { cell: 'y' }));
		// The sender hears its own state back (keeps the y-websocket 30 s watchdog quiet).
		await waitFor(
			() =>
				raw.messages
					.slice(before)
					.flatMap(awarenessEntries)
					.some((e) => e.clientId === 424242 && e.state?.cell === 'y'),
			'echo to sender'
		);

		destroyPeer(a);
		await waitFor(() => !b.provider.awareness.getStates().has(id), 'a removed for b');
		expect(b.provider.awareness.getStates().get(424242)?.user.name).toBe('Mal Member');
		raw.close();
	});
});
