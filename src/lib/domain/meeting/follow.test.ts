import { describe, expect, it } from 'vitest';
import {
	followerNames,
	isFollowing,
	meetingPresenceProblem,
	presenterView,
	sameView,
	type MeetingPeer,
	type PresentedView
} from './follow.ts';

const view: PresentedView = {
	familyId: 'f1',
	top: 12,
	cell: { ownerId: 'i1', measureId: 'forecast', period: '2027-03' },
	scope: 'i1'
};
const peer = (clientId: number, id: string, name: string, extra: Partial<MeetingPeer> = {}) => ({
	clientId,
	user: { id, name },
	present: null,
	follows: null,
	...extra
});

describe('presenter and followers', () => {
	it("reads the presenter's view only from the user the meeting names", () => {
		const peers = [
			peer(1, 'mallory', 'Mallory', { present: { ...view, familyId: 'f9' } }),
			peer(2, 'lee', 'Lee', { present: view })
		];
		expect(presenterView(peers, 'lee')).toEqual(view);
		expect(presenterView(peers, 'sam')).toBeNull();
		expect(presenterView(peers, null)).toBeNull();
	});

	it('lists followers once each, by name, without the presenter', () => {
		const peers = [
			peer(1, 'lee', 'Lee', { present: view, follows: 'lee' }),
			peer(2, 'sam', 'Sam', { follows: 'lee' }),
			peer(3, 'sam', 'Sam', { follows: 'lee' }),
			peer(4, 'ada', 'Ada', { follows: 'lee' }),
			peer(5, 'vic', 'Vic', { follows: null }),
			peer(6, 'ole', 'Ole', { follows: 'someone-else' })
		];
		expect(followerNames(peers, 'lee')).toEqual(['Ada', 'Sam']);
	});

	it('follows only when asked, when someone else presents and publishes', () => {
		expect(isFollowing(true, 'sam', 'lee', view)).toBe(true);
		expect(isFollowing(false, 'sam', 'lee', view)).toBe(false);
		expect(isFollowing(true, 'lee', 'lee', view)).toBe(false);
		expect(isFollowing(true, 'sam', 'lee', null)).toBe(false);
	});

	it('tells a changed view from a renewal', () => {
		expect(sameView(view, { ...view })).toBe(true);
		expect(sameView(view, { ...view, top: 13 })).toBe(false);
		expect(sameView(null, null)).toBe(true);
	});
});

describe('presence fields the server accepts', () => {
	it('accepts a view, a followed user, and states without meeting fields', () => {
		expect(meetingPresenceProblem({ present: view, follows: null, selection: null })).toBeNull();
		expect(meetingPresenceProblem({ follows: 'lee' })).toBeNull();
		expect(meetingPresenceProblem({ cell: 'x' })).toBeNull();
	});

	it('refuses crafted or oversized fields', () => {
		expect(meetingPresenceProblem({ present: { ...view, top: -1 } })).toMatch(/present\.top/);
		expect(meetingPresenceProblem({ present: { ...view, familyId: 'x'.repeat(65) } })).toMatch(
			/present\.familyId/
		);
		expect(meetingPresenceProblem({ present: { ...view, extra: 1 } })).toMatch(/present/);
		expect(meetingPresenceProblem({ follows: 42 })).toMatch(/follows/);
		expect(meetingPresenceProblem({ present: 'everything' })).toMatch(/present/);
	});
});
