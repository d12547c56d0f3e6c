/**
 * A replay window as the server sends it: the plan's typed values at the window's end, and the
 * edits of the window in columns (one entry per edit, ordered by id), so that 100,000 edits travel
 * as a few flat arrays rather than 100,000 objects.
 */
export interface ReplayWindow {
	/** The period asked for (ISO instants). */
	from: string;
	to: string;
	/** Where the loaded edits end: `to`, or the time of the last edit loaded when the window is cut. */
	end: string;
	/** The period holds more edits than a replay loads: only the first `limit` are loaded. */
	cut: boolean;
	limit: number;
	/** Edits in the whole period (equal to the edits loaded unless cut). */
	total: number;
	/** Typed rows at `end` by row key (`owner:measure`), one value per month, null where empty. */
	rows: Record<string, (number | null)[]>;
	/** The cells the edits change, as cell keys (`owner:period:measure`). */
	cells: string[];
	/** Who made the edits; a server write without a person is one entry of its own. */
	people: ReplayPerson[];
	edits: ReplayEdits;
}

export interface ReplayPerson {
	id: string | null;
	name: string;
	color: string;
}

export interface ReplayEdits {
	/** Index into `cells`. */
	cell: number[];
	old: (number | null)[];
	new: (number | null)[];
	/** Index into `people`. */
	person: number[];
	/** Milliseconds since the epoch. */
	at: number[];
}

/** The most edits one replay loads; a longer period is cut, and the page says so. */
export const REPLAY_EDIT_LIMIT = 100_000;
