/**
 * Presenter and followers, over presence (awareness): the presenter publishes what their board
 * shows, followers publish whom they follow. The server stamps every state with the verified
 * user, so "the presenter's view" is the state of the user the meeting names, not of anyone who
 * claims to present.
 */
import { z } from 'zod';

/** What a follower's board copies from the presenter's. */
export interface PresentedView {
	/** The family filter; '' for all families. */
	familyId: string;
	/** The grid row at the top of the presenter's grid. */
	top: number;
	/** The presenter's focused cell. */
	cell: { ownerId: string; measureId: string; period: string } | null;
	/** The charts' scope: 'total', a family id or an item id. */
	scope: string;
}

/** The presence fields meeting mode adds; the server refuses states that break these bounds. */
const id = z.string().max(64);
export const presentedViewSchema = z.strictObject({
	familyId: id,
	top: z.number().int().min(0).max(1_000_000),
	cell: z.strictObject({ ownerId: id, measureId: id, period: z.string().max(16) }).nullable(),
	scope: id
});
export const meetingPresenceSchema = z.object({
	present: presentedViewSchema.nullable().optional(),
	follows: id.nullable().optional()
});

/** A reason to refuse a presence state's meeting fields, or null when they are fine. */
export function meetingPresenceProblem(state: Record<string, unknown>): string | null {
	const parsed = meetingPresenceSchema.safeParse(state);
	if (parsed.success) return null;
	const issue = parsed.error.issues[0];
	return `invalid presence field ${issue?.path.join('.') || 'state'}`;
}

export interface MeetingPeer {
	clientId: number;
	user: { id: string; name: string };
	present: PresentedView | null;
	follows: string | null;
}

/** The view the presenter publishes now, or null while they are not on the board. */
export function presenterView(
	peers: readonly MeetingPeer[],
	presenterId: string | null
): PresentedView | null {
	if (!presenterId) return null;
	// With the plan open in two tabs, the newest (highest client ID seen last) speaks.
	const views = peers.filter((p) => p.user.id === presenterId && p.present);
	return views.at(-1)?.present ?? null;
}

/** The names of the people following the presenter, each once, in name order. */
export function followerNames(peers: readonly MeetingPeer[], presenterId: string | null): string[] {
	if (!presenterId) return [];
	const names = new Map<string, string>();
	for (const p of peers)
		if (p.follows === presenterId && p.user.id !== presenterId) names.set(p.user.id, p.user.name);
	return [...names.values()].sort((a, b) => a.localeCompare(b));
}

/** Whether two views show the same thing, so a follower does not move for a renewal. */
export function sameView(a: PresentedView | null, b: PresentedView | null): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether this board follows now: it asked to, a presenter is publishing, and it is not the
 * presenter's own board.
 */
export function isFollowing(
	wantsToFollow: boolean,
	selfUserId: string,
	presenterId: string | null,
	view: PresentedView | null
): boolean {
	return wantsToFollow && view !== null && presenterId !== null && presenterId !== selfUserId;
}
