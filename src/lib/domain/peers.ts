import { bounds, type Bounds, type Pos } from './selection.ts';

/** Someone in the plan, with the cells they have selected (by reference, as shared). */
export interface PeerState<U, R> {
	clientId: number;
	user: U;
	selection: { anchor: R; focus: R } | null;
}

/**
 * Other people's selections in this view's row order: their focused cell and their selected box.
 * A selection whose focus is on a row hidden here is left out; a hidden anchor shrinks it to the
 * focus.
 */
export function peerSelections<U, R>(
	participants: readonly PeerState<U, R>[],
	selfClientId: number,
	posOf: (ref: R) => Pos | null
): { user: U; focus: Pos; box: Bounds }[] {
	return participants.flatMap((p) => {
		if (p.clientId === selfClientId || !p.selection) return [];
		const focus = posOf(p.selection.focus);
		if (!focus) return [];
		const anchor = posOf(p.selection.anchor) ?? focus;
		return [{ user: p.user, focus, box: bounds({ anchor, focus }) }];
	});
}
