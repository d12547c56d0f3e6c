import { inputMeasure, rowKey } from '../measures.ts';
import { PlanFigures, type PlanShape, type RowReader } from '../plan-figures.ts';

/** A scenario's cells that differ from its base, by `cellKey`; null is a cell the scenario cleared. */
export type Changes = ReadonlyMap<string, number | null>;

/**
 * Whether two cell values are the same: both empty, or equal well within any measure's decimals
 * (sums of cents are not exact floats).
 */
export function sameValue(a: number | null, b: number | null): boolean {
	return a === null || b === null ? a === b : Math.abs(a - b) < 1e-9;
}

/** The changed months of each row (`rowKey`), as [period index, value] pairs. */
type RowIndex = Map<string, [number, number | null][]>;

/** The row (`rowKey`) and month of a `cellKey`, without allocating the parts it does not need. */
export function splitCellKey(key: string): { row: string; period: string } | null {
	const first = key.indexOf(':');
	const last = key.lastIndexOf(':');
	if (first <= 0 || last - first < 2 || last === key.length - 1) return null;
	return { row: key.slice(0, first) + key.slice(last), period: key.slice(first + 1, last) };
}

function indexByRow(changes: Changes, periods: readonly string[]): RowIndex {
	const periodIndex = new Map(periods.map((p, t) => [p, t]));
	const index: RowIndex = new Map();
	for (const [key, value] of changes) {
		const split = splitCellKey(key);
		const t = split ? periodIndex.get(split.period) : undefined;
		if (!split || t === undefined) continue;
		let row = index.get(split.row);
		if (!row) index.set(split.row, (row = []));
		row.push([t, value]);
	}
	return index;
}

/**
 * A scenario's rows as the figures read them: the base row with the scenario's changes laid over
 * it. The changes are indexed by row once, here, so a read costs one base read plus that row's
 * changes; build a new reader when the changes change.
 */
export function overlayReader(
	base: RowReader,
	changes: Changes,
	periods: readonly string[]
): RowReader {
	const index = indexByRow(changes, periods);
	return (m, ownerId) => {
		const row = base(m, ownerId);
		for (const [t, v] of index.get(rowKey(ownerId, m.id)) ?? []) row[t] = v ?? NaN;
		return row;
	};
}

/** The figures (grid, charts, KPIs) of a scenario: its changes over the base plan. */
export function scenarioFigures(shape: PlanShape, base: RowReader, changes: Changes): PlanFigures {
	return new PlanFigures(shape, overlayReader(base, changes, shape.periods));
}

/** The rows (`rowKey`) in which a scenario changes at least one cell. */
export function changedRows(changes: Changes): Set<string> {
	const rows = new Set<string>();
	for (const key of changes.keys()) {
		const split = splitCellKey(key);
		if (split) rows.add(split.row);
	}
	return rows;
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
	const cache = new Map<string, Float64Array>();
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
