import { mergeChanges, type ChangesView } from '../domain/cell-history.ts';
import type { Increments } from './live-resource.svelte.ts';

/**
 * "Changes since" brought up to date with the edits recorded after the last one counted, and
 * fetched whole again at most every `wholeEveryMs`: a long period's list is seconds of database
 * work, and edits committed out of id order (two steps saving at once on a database server) are
 * caught by the next whole fetch.
 */
export function changesIncrements(
	wholeEveryMs = 30_000,
	now: () => number = Date.now
): Increments<ChangesView> {
	let wholeAt = now();
	return {
		address(current, url) {
			if (now() - wholeAt < wholeEveryMs) return `${url}&after=${current.lastId}`;
			wholeAt = now();
			return null;
		},
		merge: mergeChanges
	};
}
