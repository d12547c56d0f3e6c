import { parseCellKey, rowKey } from '../measures.ts';
import type { ReplayEdits } from './window.ts';
import type { ReplayValues } from './values.ts';

interface Cell {
	key: string;
	row: string;
	ownerId: string;
	/** The month's index in the plan, -1 for a month outside it (the edit marks nothing then). */
	t: number;
}

/**
 * A position in a replay window: how many of its edits (ordered by id) are applied to the values.
 * The values start at the window's end, every edit applied; moving the cursor undoes or re-applies
 * only the edits between the old and the new position, so a scrub step or a frame of play costs
 * the edits it crosses, not the whole window.
 */
export class ReplayCursor {
	/** Edits applied: 0 is the window's start, `length` its end. */
	position: number;
	readonly length: number;
	/** Edits applied per person, as the legend counts them. */
	readonly counts: Int32Array;
	private readonly cells: Cell[];
	private readonly indexOf = new Map<string, number>();
	/** Per edit, the window's previous edit of the same cell, or -1. */
	private readonly previous: Int32Array;
	/** Per cell, the person whose edit it shows at the position, or -1. */
	private readonly marks: Int32Array;
	/** Edit times, never decreasing (a later id stamped earlier counts at its predecessor's time). */
	private readonly times: Float64Array;

	constructor(
		private readonly values: ReplayValues,
		cellKeys: readonly string[],
		private readonly edits: ReplayEdits,
		periods: readonly string[],
		people: number
	) {
		const periodIndex = new Map(periods.map((p, i) => [p, i]));
		this.cells = cellKeys.map((key, i) => {
			this.indexOf.set(key, i);
			const parsed = parseCellKey(key);
			return parsed
				? {
						key,
						row: rowKey(parsed.ownerId, parsed.measureId),
						ownerId: parsed.ownerId,
						t: periodIndex.get(parsed.period) ?? -1
					}
				: { key, row: '', ownerId: '', t: -1 };
		});
		this.length = edits.cell.length;
		this.position = this.length;
		this.counts = new Int32Array(people);
		this.previous = new Int32Array(this.length);
		this.marks = new Int32Array(this.cells.length).fill(-1);
		this.times = new Float64Array(this.length);
		const last = new Int32Array(this.cells.length).fill(-1);
		for (let i = 0; i < this.length; i++) {
			const c = edits.cell[i];
			this.previous[i] = last[c];
			last[c] = i;
			this.marks[c] = edits.person[i];
			this.counts[edits.person[i]]++;
			this.times[i] = Math.max(edits.at[i], i ? this.times[i - 1] : -Infinity);
		}
	}

	/** Moves to `position` (clamped); returns the items and families whose values changed. */
	moveTo(position: number): Set<string> {
		const target = Math.max(0, Math.min(this.length, Math.round(position)));
		const owners = new Set<string>();
		while (this.position > target) this.undo(--this.position, owners);
		while (this.position < target) this.apply(this.position++, owners);
		return owners;
	}

	/** The position at time `ms`: every edit made at or before it applied. */
	positionAt(ms: number): number {
		let lo = 0;
		let hi = this.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.times[mid] <= ms) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** When the edit at `index` was made (ms), as the timeline places it. */
	timeOf(index: number): number {
		return this.times[index];
	}

	/** The person whose edit a cell shows at the position, or -1 where the window has none yet. */
	markOf(cellKey: string): number {
		const i = this.indexOf.get(cellKey);
		return i === undefined ? -1 : this.marks[i];
	}

	/** The cell of the edit last applied (the one at the cursor), or null at the window's start. */
	currentCell(): string | null {
		return this.position > 0 ? this.cells[this.edits.cell[this.position - 1]].key : null;
	}

	/** The person who made the edit last applied, or -1 at the window's start. */
	currentPerson(): number {
		return this.position > 0 ? this.edits.person[this.position - 1] : -1;
	}

	private apply(i: number, owners: Set<string>): void {
		const cell = this.cells[this.edits.cell[i]];
		this.marks[this.edits.cell[i]] = this.edits.person[i];
		this.counts[this.edits.person[i]]++;
		this.write(cell, this.edits.new[i], owners);
	}

	private undo(i: number, owners: Set<string>): void {
		const cell = this.cells[this.edits.cell[i]];
		const before = this.previous[i];
		this.marks[this.edits.cell[i]] = before < 0 ? -1 : this.edits.person[before];
		this.counts[this.edits.person[i]]--;
		this.write(cell, this.edits.old[i], owners);
	}

	private write(cell: Cell, value: number | null, owners: Set<string>): void {
		if (cell.t < 0) return;
		this.values.set(cell.row, cell.t, value);
		owners.add(cell.ownerId);
	}
}
