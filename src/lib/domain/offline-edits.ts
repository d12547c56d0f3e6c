/**
 * Edits made in this browser that the server has not acknowledged yet ("waiting"), and what became
 * of them when the connection came back. Pure: the Yjs side feeds it what it saw.
 */

/** A waiting edit: the cell and the value this person typed (null: cleared). */
export interface WaitingEdit {
	key: string;
	value: number | null;
}

/**
 * A waiting edit that met a concurrent edit of the same cell by someone else. Yjs kept one of the
 * two (the same one in every browser); both values are shown.
 */
export interface MetNewer {
	key: string;
	yours: number | null;
	theirs: number | null;
	kept: 'yours' | 'theirs';
}

/** A waiting edit the server refused, e.g. because its step was signed off and locked meanwhile. */
export interface RefusedEdit extends WaitingEdit {
	reason: string;
}

/**
 * What one remote update did to a cell that had a waiting edit: `lostValue` is the value of an
 * entry it deleted, `lostWasLocal` whether that entry was already in this browser (this person's
 * edit, overwritten) rather than arriving with the update itself (the other person's, which lost).
 */
export interface DeletedEntry {
	key: string;
	lostValue: number | null;
	lostWasLocal: boolean;
}

/**
 * Lists the waiting edits that met someone else's edit in one remote update. `current` reads the
 * value each cell ends with.
 */
export function metNewer(
	waiting: ReadonlyMap<string, number | null>,
	deleted: readonly DeletedEntry[],
	current: (key: string) => number | null
): MetNewer[] {
	const found = new Map<string, MetNewer>();
	for (const entry of deleted) {
		if (!waiting.has(entry.key)) continue;
		const yours = waiting.get(entry.key) ?? null;
		if (entry.lostWasLocal) {
			const theirs = current(entry.key);
			// The same value typed on both sides is no conflict worth telling.
			if (theirs !== yours) found.set(entry.key, { key: entry.key, yours, theirs, kept: 'theirs' });
		} else if (entry.lostValue !== yours && found.get(entry.key)?.kept !== 'theirs') {
			found.set(entry.key, { key: entry.key, yours, theirs: entry.lostValue, kept: 'yours' });
		}
	}
	return [...found.values()];
}

/** Merges a newer listing into an older one, a cell's latest outcome replacing its earlier one. */
export function mergeListing<T extends { key: string }>(older: readonly T[], newer: readonly T[]) {
	const keys = new Set(newer.map((e) => e.key));
	return [...older.filter((e) => !keys.has(e.key)), ...newer];
}

/** Refused edits as plain text, one line each, to paste into a comment or a scenario's notes. */
export function refusedAsText(
	refused: readonly RefusedEdit[],
	label: (key: string) => string,
	format: (key: string, value: number | null) => string
): string {
	return refused
		.map((e) => `${label(e.key)}: ${format(e.key, e.value)} (not saved: ${e.reason})`)
		.join('\n');
}

/** One plan kept in this browser, and when it was last opened. */
export interface LocalCopy {
	planId: string;
	openedAt: number;
}

/**
 * Records that a plan was opened, keeping at most `limit` local copies: the ones opened longest
 * ago are dropped first, and returned so that their data can be deleted.
 */
export function recordOpened(
	copies: readonly LocalCopy[],
	planId: string,
	now: number,
	limit: number
): { copies: LocalCopy[]; dropped: string[] } {
	// The plan being opened stays first even if the clock went back.
	const others = copies.filter((c) => c.planId !== planId).sort((a, b) => b.openedAt - a.openedAt);
	const sorted = [{ planId, openedAt: now }, ...others];
	return {
		copies: sorted.slice(0, limit),
		dropped: sorted.slice(limit).map((c) => c.planId)
	};
}
