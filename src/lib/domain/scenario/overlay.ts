import { inputMeasure, rowKey } from '../measures.ts';
import { PlanFigures, type PlanShape, type RowReader, type Series } from '../plan-figures.ts';

/**
 * A scenario's cells that differ from its base, by `cellKey`; null is a cell the scenario cleared.
 * A Map, or the Y.Map of a scenario document.
 */
export interface Changes {
	get(key: string): number | null | undefined;
	has(key: string): boolean;
	keys(): Iterable<string>;
}

/**
 * Whether two cell values are the same: both empty, or equal well within any measure's decimals
 * (sums of cents are not exact floats).
 */
export function sameValue(a: number | null, b: number | null): boolean {
	return a === null || b === null ? a === b : Math.abs(a - b) < 1e-9;
}

/** The row (`rowKey`) and month of a `cellKey`, without allocating the parts it does not need. */
export function splitCellKey(key: string): { row: string; period: string } | null {
	const first = key.indexOf(':');
	const last = key.lastIndexOf(':');
	if (first <= 0 || last - first < 2 || last === key.length - 1) return null;
	return { row: key.slice(0, first) + key.slice(last), period: key.slice(first + 1, last) };
}

/**
 * A scenario's changes indexed by row (`rowKey`), then month: what reading a row through the
 * scenario needs. Kept up to date from the keys that changed, as a scenario document's events
 * name them, so a large scenario is indexed once rather than on every lever or read.
 */
export class ChangeIndex {
	private readonly rows = new Map<string, Map<number, number | null>>();
	private readonly periodIndex: ReadonlyMap<string, number>;

	constructor(periods: readonly string[]) {
		this.periodIndex = new Map(periods.map((p, t) => [p, t]));
	}

	/** Takes in changed cell keys, as `changes` now holds them; returns the owners whose rows moved. */
	update(changes: Changes, keys: Iterable<string>): Set<string> {
		const owners = new Set<string>();
		for (const key of keys) {
			const split = splitCellKey(key);
			const t = split ? this.periodIndex.get(split.period) : undefined;
			if (!split || t === undefined) continue;
			owners.add(key.slice(0, key.indexOf(':')));
			let row = this.rows.get(split.row);
			if (!row) this.rows.set(split.row, (row = new Map()));
			if (changes.has(key)) row.set(t, changes.get(key) ?? null);
			else row.delete(t);
		}
		return owners;
	}

	/** The scenario's rows: each base row with its changed months laid over it (null clears). */
	reader(base: RowReader): RowReader {
		return (m, ownerId) => {
			const row = base(m, ownerId);
			const changed = this.rows.get(rowKey(ownerId, m.id));
			if (changed) for (const [t, v] of changed) row[t] = v ?? NaN;
			return row;
		};
	}
}

/**
 * A scenario's rows as the figures read them: the base row with the scenario's changes laid over
 * it. The changes are indexed here, once; build a new reader when they change, or keep a
 * `ChangeIndex` up to date instead.
 */
export function overlayReader(
	base: RowReader,
	changes: Changes,
	periods: readonly string[]
): RowReader {
	const index = new ChangeIndex(periods);
	index.update(changes, changes.keys());
	return index.reader(base);
}

/** The figures (grid, charts, KPIs) of a scenario: its changes over the base plan. */
export function scenarioFigures(shape: PlanShape, base: RowReader, changes: Changes): PlanFigures {
	return new PlanFigures(shape, overlayReader(base, changes, shape.periods));
}

/** The rows (`rowKey`) of these cells, each once. */
export function rowsOf(cellKeys: Iterable<string>): Set<string> {
	const rows = new Set<string>();
	for (const key of cellKeys) {
		const split = splitCellKey(key);
		if (split) rows.add(split.row);
	}
	return rows;
}

/** The rows (`rowKey`) in which a scenario changes at least one cell. */
export function changedRows(changes: Changes): Set<string> {
	return rowsOf(changes.keys());
}

/**
 * One cell's value read through a row reader (null where empty), each row read once and kept: for
 * code that looks at cells one by one, such as a lever or a merge.
 */
export function cellReader(
	rows: RowReader,
	periods: readonly string[]
): (key: string) => number | null {
	const periodIndex = new Map(periods.map((p, t) => [p, t]));
	const cache = new Map<string, Series>();
	return (key) => {
		const split = splitCellKey(key);
		const t = split ? periodIndex.get(split.period) : undefined;
		if (!split || t === undefined) return null;
		let row = cache.get(split.row);
		if (!row) {
			const colon = split.row.indexOf(':');
			const m = inputMeasure(split.row.slice(colon + 1));
			if (!m) return null;
			cache.set(split.row, (row = rows(m, split.row.slice(0, colon))));
		}
		const v = row[t];
		return Number.isNaN(v) ? null : v;
	};
}
