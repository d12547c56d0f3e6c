import { describe, expect, it } from 'vitest';
import { planWithMembers, signedInUser } from '../../helpers/fixtures.ts';
import {
	awarenessEntries,
	awarenessMessage,
	collabSuite,
	connectPeer,
	RawClient,
	sleep,
	synced,
	waitFor
} from './harness.ts';

const s = collabSuite(async (db) => {
	const leader = await signedInUser(db, 'Lena Leader');
	const mallory = await signedInUser(db, 'Mal Member');
	const { planId } = await planWithMembers(db, leader, [
		{ user: mallory, fn: 'sales', role: 'editor' }
	]);
	return { leader, mallory, meta: `plan/${planId}/meta` };
});

const view = {
	familyId: 'f1',
	top: 40,
	cell: { ownerId: 'i1', measureId: 'forecast', period: '2027-03' },
	scope: 'i1'
};

describe('meeting presence', () => {
	it("relays a presenter's view and a follower's choice, stamped with the verified user", async () => {
		const presenter = await synced(connectPeer(s.h, s.meta, s.leader));
		const follower = await synced(connectPeer(s.h, s.meta, s.mallory));
		presenter.provider.awareness.setLocalStateField('present', view);
		follower.provider.awareness.setLocalStateField('follows', s.leader.id);
		const presenterId = presenter.provider.awareness.clientID;
		const followerId = follower.provider.awareness.clientID;
		await waitFor(
			() =>
				follower.provider.awareness.getStates().get(presenterId)?.present !== undefined &&
				presenter.provider.awareness.getStates().get(followerId)?.follows !== undefined,
			'states'
		);
		const seen = follower.provider.awareness.getStates().get(presenterId);
		expect(seen?.present).toEqual(view);
		expect(seen?.user.id).toBe(s.leader.id);
		expect(presenter.provider.awareness.getStates().get(followerId)?.follows).toBe(s.leader.id);
	});

	it.each([
		['a negative scroll position', { present: { ...view, top: -5 } }, 'present.top'],
		['an unknown field in the view', { present: { ...view, script: 'x' } }, 'present'],
		['an oversized id', { present: { ...view, familyId: 'f'.repeat(200) } }, 'present.familyId'],
		['a view that is not an object', { present: [1, 2, 3] }, 'present'],
		['a followed user that is not an id', { follows: { id: 'x' } }, 'follows']
	])('closes a raw client sending %s with 4400; nobody sees it', async (_what, state, field) => {
		const observer = await RawClient.connect(s.h, s.meta, s.leader);
		const raw = await RawClient.connect(s.h, s.meta, s.mallory);
		raw.send(awarenessMessage(737373, 1, state));
		await waitFor(() => raw.closed !== null, 'closed');
		expect(raw.closed).toEqual({ code: 4400, reason: `invalid presence field ${field}` });
		await sleep(50);
		const relayed = observer.messages
			.flatMap(awarenessEntries)
			.filter((e) => e.clientId === 737373);
		expect(relayed.filter((e) => e.state !== null)).toEqual([]);
		observer.close();
	});
});
