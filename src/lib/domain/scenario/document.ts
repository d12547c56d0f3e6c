import type { Lever } from './levers.ts';
import { leverWriter, type LeverRecord, type Prior, type Writer } from './ledger.ts';

/**
 * A scenario document's maps: people write `cells` alone (through the grid); the server writes
 * `levers`, the levers applied. The server's ledger of the same cells (the plan's value when the
 * scenario first changed each, and who wrote it last) is a document of its own that is never
 * served, so browsers load only what they show.
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
	/**
	 * How many cells it wrote. Which ones is not kept (a large lever's keys would double what
	 * applying it sends and stores): the writers map and later levers' `before` say it.
	 */
	count: number;
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
		count: record.cells.length,
		before: [...record.before]
	};
}

/**
 * The ledger's records of stored levers, each with the cells it wrote that still say so: those it
 * was the last to write, and those a later lever overwrote (that lever's `before` names it). Cells
 * a person edited since are not among them; removing the lever leaves those as they are anyway.
 */
export function leverRecordsOf(
	stored: readonly StoredLever[],
	writers: Iterable<[string, Writer]>
): LeverRecord[] {
	const cells = new Map<Writer, string[]>();
	const add = (writer: Writer, key: string) => {
		let list = cells.get(writer);
		if (!list) cells.set(writer, (list = []));
		list.push(key);
	};
	for (const [key, writer] of writers) add(writer, key);
	for (const s of stored) for (const [key, prior] of s.before) add(prior.writer, key);
	return stored.map((s) => ({
		lever: s.lever,
		cells: [...new Set(cells.get(leverWriter(s.lever.id)) ?? [])],
		before: new Map<string, NonNullable<Prior>>(s.before)
	}));
}

/** Stored levers in the order they were applied. */
export function leversInOrder(stored: Iterable<StoredLever>): StoredLever[] {
	return [...stored].sort((a, b) => a.seq - b.seq);
}
