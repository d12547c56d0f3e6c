import type * as Y from 'yjs';
import { BASE_MAP, CELLS_MAP, parseCellKey, rowKey } from '../domain/measures.ts';
import type { RowReader, Series } from '../domain/plan-figures.ts';
import type { StepNumber } from '../domain/roles.ts';

/**
 * The values of one step document as rows: each row's imported `base` array with the edited
 * `cells` laid over it. Kept as an index of edits by row, updated from the keys an event changed,
 * so reading a row never scans the whole cells map. Used by the browser and by the server (an
 * approved version, the next cycle's values).
 */
export class StepValues {
	/** Edited cells by row, then period index; null is a cleared cell. */
	private readonly overrides = new Map<string, Map<number, number | null>>();
	private readonly cells: Y.Map<number | null>;
	private readonly base: Y.Map<(number | null)[]>;

	constructor(
		doc: Y.Doc,
		private readonly periodIndex: ReadonlyMap<string, number>
	) {
		this.cells = doc.getMap<number | null>(CELLS_MAP);
		this.base = doc.getMap<(number | null)[]>(BASE_MAP);
		this.cellsChanged(this.cells.keys());
	}

	/** Takes in changed cell keys; returns the owners (items, families) whose values moved. */
	cellsChanged(keys: Iterable<string>): Set<string> {
		const owners = new Set<string>();
		for (const key of keys) {
			const parsed = parseCellKey(key);
			const t = parsed ? this.periodIndex.get(parsed.period) : undefined;
			if (!parsed || t === undefined) continue;
			owners.add(parsed.ownerId);
			const row = rowKey(parsed.ownerId, parsed.measureId);
			let edits = this.overrides.get(row);
			if (!edits) this.overrides.set(row, (edits = new Map()));
			if (this.cells.has(key)) edits.set(t, this.cells.get(key) ?? null);
			else edits.delete(t);
		}
		return owners;
	}

	/** One cell's value: its edit if it has one, else its base value. */
	value(key: string): number | undefined {
		const parsed = parseCellKey(key);
		const t = parsed ? this.periodIndex.get(parsed.period) : undefined;
		if (!parsed || t === undefined) return undefined;
		const row = rowKey(parsed.ownerId, parsed.measureId);
		const edits = this.overrides.get(row);
		if (edits?.has(t)) return edits.get(t) ?? undefined;
		return this.base.get(row)?.[t] ?? undefined;
	}

	/** A row's imported values, as its `base` entry holds them. */
	baseRow(row: string): readonly (number | null)[] | undefined {
		return this.base.get(row);
	}

	/** A month's edit in a row: a number, null for a cleared cell, undefined where none. */
	edit(row: string, t: number): number | null | undefined {
		const edits = this.overrides.get(row);
		return edits?.has(t) ? (edits.get(t) ?? null) : undefined;
	}

	/** One row's values, edits over base, NaN where empty. */
	row(row: string): Series {
		const base = this.base.get(row);
		const out = new Array<number>(this.periodIndex.size);
		for (let t = 0; t < out.length; t++) out[t] = base?.[t] ?? NaN;
		const edits = this.overrides.get(row);
		if (edits) for (const [t, v] of edits) out[t] = v ?? NaN;
		return out;
	}
}

/** Reads the figures' input rows from the step documents that hold them. */
export function readerOf(values: ReadonlyMap<StepNumber, StepValues>): RowReader {
	return (m, ownerId) => {
		const step = values.get(m.step);
		if (!step) throw new Error(`No document holds step ${m.step}`);
		return step.row(rowKey(ownerId, m.id));
	};
}

/**
 * One cell's value in a step document without indexing the document (null where empty): its edit
 * if it has one, else its `base` row's month. For reading a few cells at a time.
 */
export function cellValueIn(
	doc: Y.Doc,
	key: string,
	periodIndex: ReadonlyMap<string, number>
): number | null {
	const cells = doc.getMap<number | null>(CELLS_MAP);
	if (cells.has(key)) return cells.get(key) ?? null;
	const parsed = parseCellKey(key);
	const t = parsed ? periodIndex.get(parsed.period) : undefined;
	if (!parsed || t === undefined) return null;
	return (
		doc.getMap<(number | null)[]>(BASE_MAP).get(rowKey(parsed.ownerId, parsed.measureId))?.[t] ??
		null
	);
}
