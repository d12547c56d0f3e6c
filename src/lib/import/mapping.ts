/**
 * The mapping editor's one question per column, "what is this column?", and the mapping that
 * follows from each answer. A field belongs to one column at most; a month to one column.
 */
import { FIELDS, type Field, type Mapping } from '../domain/import/types.ts';

/** A field, one of the wide layout's month columns, or nothing to read. */
export type ColumnRole = Field | 'months' | 'ignore';

export const FIELD_LABELS: Record<Field, string> = {
	family: 'Family',
	sku: 'SKU',
	name: 'Item name',
	month: 'Month',
	measure: 'Measure',
	value: 'Value',
	price: 'Unit price',
	cost: 'Unit cost',
	opening: 'Opening stock',
	safety: 'Safety stock',
	leadTime: 'Lead time'
};

export function roleOf(mapping: Mapping, column: number): ColumnRole {
	const field = FIELDS.find((f) => mapping.columns[f] === column);
	if (field) return field;
	return mapping.months.some((m) => m.column === column) ? 'months' : 'ignore';
}

/**
 * The mapping with `column` read as `role`; a field's former column is then ignored. `month` is
 * the month a month column holds (required for 'months').
 */
export function withRole(
	mapping: Mapping,
	column: number,
	role: ColumnRole,
	month: string | null = null
): Mapping {
	const columns: Mapping['columns'] = {};
	for (const f of FIELDS) {
		const c = mapping.columns[f];
		if (c !== undefined && c !== column && f !== role) columns[f] = c;
	}
	let months = mapping.months.filter((m) => m.column !== column);
	if (role === 'months') {
		if (!month) throw new Error('A month column needs its month');
		months = [...months.filter((m) => m.month !== month), { column, month }].sort(
			(a, b) => a.column - b.column
		);
	} else if (role !== 'ignore') {
		columns[role] = column;
	}
	return { ...mapping, columns, months };
}

/**
 * The month each column is known to hold: from any mapping seen so far (the server's reading of
 * the header) or a header that is a month itself, so a column set aside can become a month again.
 */
export function knownMonths(
	headers: readonly string[],
	mappings: readonly Mapping[]
): Map<number, string> {
	const known = new Map<number, string>();
	headers.forEach((h, column) => {
		if (/^\d{4}-(0[1-9]|1[0-2])$/.test(h.trim())) known.set(column, h.trim());
	});
	for (const mapping of mappings) for (const m of mapping.months) known.set(m.column, m.month);
	return known;
}
