import { rowKey } from '../measures.ts';

/** The first edit of a cell after a moment: what the cell held at that moment is its old value. */
export interface FirstEditAfter {
	ownerId: string;
	measure: string;
	period: string;
	old: number | null;
}

/**
 * The typed rows as they were at a moment, from the rows now and each cell's first edit after that
 * moment (its old value is what the cell held then). Changes `rows` in place; months outside the
 * plan are left alone.
 */
export function rowsAt(
	rows: Record<string, (number | null)[]>,
	periods: readonly string[],
	firstEdits: Iterable<FirstEditAfter>
): Record<string, (number | null)[]> {
	const periodIndex = new Map(periods.map((p, i) => [p, i]));
	for (const e of firstEdits) {
		const t = periodIndex.get(e.period);
		if (t === undefined) continue;
		const key = rowKey(e.ownerId, e.measure);
		(rows[key] ??= periods.map(() => null))[t] = e.old;
	}
	return rows;
}
