/** A small plan for the scenario tests: two families, three items, six months. */
import { cellKey } from '../measures.ts';
import type { PlanShape, RowReader } from '../plan-figures.ts';

export const periods = ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06'];
export const shape: PlanShape = {
	families: [
		{ id: 'f1', name: 'Bikes' },
		{ id: 'f2', name: 'Parts' }
	],
	items: [
		{ id: 'a', family_id: 'f1', sku: 'A-1', name: 'Road bike' },
		{ id: 'b', family_id: 'f1', sku: 'B-1', name: 'City bike' },
		{ id: 'c', family_id: 'f2', sku: 'C-1', name: 'Chain' }
	],
	periods
};

/** Cells by `cellKey` from rows of an owner's measure (undefined leaves a month empty). */
export function cellsOf(
	rows: Record<string, Record<string, readonly (number | undefined)[]>>
): Map<string, number> {
	const cells = new Map<string, number>();
	for (const [owner, measures] of Object.entries(rows)) {
		for (const [m, values] of Object.entries(measures)) {
			values.forEach((v, t) => v !== undefined && cells.set(cellKey(owner, periods[t], m), v));
		}
	}
	return cells;
}

/** A base plan's row reader over these cells, counting its reads. */
export function readerOf(cells: ReadonlyMap<string, number>): RowReader & { reads: string[] } {
	const reads: string[] = [];
	const read: RowReader = (m, owner) => {
		reads.push(`${owner}:${m.id}`);
		return periods.map((p) => cells.get(cellKey(owner, p, m.id)) ?? NaN);
	};
	return Object.assign(read, { reads });
}

export const rowOf = (reader: RowReader, owner: string, m: Parameters<RowReader>[0]) =>
	Array.from(reader(m, owner), (v) => (Number.isNaN(v) ? null : v));
