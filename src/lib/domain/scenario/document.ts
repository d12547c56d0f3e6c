import type { Lever } from './levers.ts';
import type { LeverRecord, Prior, Writer } from './ledger.ts';

/**
 * A scenario document's maps. People write `cells` alone (through the grid); the server keeps the
 * rest: the base value each cell had when the scenario first changed it, who wrote it last, and
 * the levers applied.
 */
export const SCENARIO_CELLS_MAP = 'cells';
export const SCENARIO_FORK_MAP = 'fork';
export const SCENARIO_WRITERS_MAP = 'writers';
export const SCENARIO_LEVERS_MAP = 'levers';

/** A lever as the scenario document keeps it: plain JSON, with when and by whom it was applied. */
export interface StoredLever {
	lever: Lever;
	authorName: string;
	/** ISO time it was applied; levers are listed (and undone) in this order. */
	at: string;
	/** Order of application, for levers applied within the same millisecond. */
	seq: number;
	cells: string[];
	before: [string, { value: number | null; writer: Writer }][];
}

export function storeLever(
	record: LeverRecord,
	authorName: string,
	at: Date,
	seq: number
): StoredLever {
	return {
		lever: record.lever,
		authorName,
		at: at.toISOString(),
		seq,
		cells: record.cells,
		before: [...record.before]
	};
}

export function leverRecordOf(stored: StoredLever): LeverRecord {
	return {
		lever: stored.lever,
		cells: stored.cells,
		before: new Map<string, NonNullable<Prior>>(stored.before)
	};
}

/** Stored levers in the order they were applied. */
export function leversInOrder(stored: Iterable<StoredLever>): StoredLever[] {
	return [...stored].sort((a, b) => a.seq - b.seq);
}
