import { inputMeasure, measure as measureById } from '../measures.ts';
import { cellText, columnName, FIELD_LABELS, normalised, recogniseColumn } from './columns.ts';
import { parseMonth } from './months.ts';
import { detectNumberStyle, isBlank } from './numbers.ts';
import {
	FIELDS,
	type Field,
	type ImportProblem,
	type LeadTimeUnit,
	type Mapping,
	type NumberStyle,
	type RememberedMapping,
	type SheetCell,
	type SheetRow
} from './types.ts';

/** A header sits above the data: it is looked for among this many non-empty lines. */
const HEADER_SEARCH = 20;
/** The columns of an item list besides its SKU. */
const ITEM_FIELDS: readonly Field[] = ['family', 'name', 'price', 'cost', 'opening', 'safety'];
const VALUE_FIELDS: readonly Field[] = ['price', 'cost', 'opening', 'safety', 'leadTime'];

interface HeaderReading {
	columns: Partial<Record<Field, number>>;
	months: { column: number; month: string }[];
	/** Columns named after a measure ('Sales forecast'). */
	measures: { column: number; measure: string }[];
	leadTimeUnit?: LeadTimeUnit;
	/** Cells read as a field or a measure. */
	names: number;
}

function rememberedField(remembered: RememberedMapping | null | undefined, text: string) {
	const key = text.toLowerCase();
	if (!remembered || !key || !Object.hasOwn(remembered.columns, key)) return null;
	const field = remembered.columns[key];
	return (FIELDS as readonly string[]).includes(field) ? field : null;
}

/** What a row's cells name when read as a header; what the person chose before goes first. */
function readHeader(cells: SheetCell[], remembered?: RememberedMapping | null): HeaderReading {
	const reading: HeaderReading = { columns: {}, months: [], measures: [], names: 0 };
	const taken = new Set<number>();
	let itemColumn: number | undefined;
	cells.forEach((cell, column) => {
		const field = rememberedField(remembered, cellText(cell));
		if (field && reading.columns[field] === undefined) {
			reading.columns[field] = column;
			if (field === 'leadTime' && remembered?.leadTimeUnit) {
				reading.leadTimeUnit = remembered.leadTimeUnit;
			}
			reading.names++;
			taken.add(column);
		}
	});
	cells.forEach((cell, column) => {
		if (taken.has(column) || isBlank(cell)) return;
		// XLSX writes a date header as a date (text 'YYYY-MM-DD') or, formatted oddly, a serial.
		const found =
			typeof cell === 'number' ? { month: parseMonth(cell) } : recogniseColumn(String(cell));
		if (!found) return;
		if ('field' in found) {
			if (normalised(String(cell)) === 'item') {
				itemColumn ??= column;
				reading.names++;
				return;
			}
			if (reading.columns[found.field] !== undefined) return;
			reading.columns[found.field] = column;
			if (found.leadTimeUnit) reading.leadTimeUnit ??= found.leadTimeUnit;
			reading.names++;
		} else if ('measure' in found) {
			reading.measures.push({ column, measure: found.measure });
			reading.names++;
		} else if (found.month) reading.months.push({ column, month: found.month });
	});
	// 'Item' names the item beside a SKU column (as in a new plan's item list), else it is its code.
	if (itemColumn !== undefined) {
		const field = reading.columns.sku === undefined ? 'sku' : 'name';
		reading.columns[field] ??= itemColumn;
	}
	return reading;
}

/**
 * A first reading of a file: its header row (the first of the first non-empty lines that names two
 * known columns or two months; else the first non-empty line), its layout, which column holds what
 * and the style of its numbers. `remembered` (what the person chose last time) wins over the names
 * recognised; `numberHint` decides the number style when the numbers do not.
 */
export function proposeMapping(
	rows: SheetRow[],
	remembered?: RememberedMapping | null,
	numberHint?: NumberStyle
): Mapping {
	const candidates: SheetRow[] = [];
	for (const row of rows) {
		if (candidates.length === HEADER_SEARCH) break;
		if (!row.cells.every(isBlank)) candidates.push(row);
	}
	let header: SheetRow | undefined = candidates[0];
	let reading = readHeader(header?.cells ?? [], remembered);
	for (const row of candidates) {
		const r = row === header ? reading : readHeader(row.cells, remembered);
		if (r.names >= 2 || r.months.length >= 2) {
			header = row;
			reading = r;
			break;
		}
	}

	const columns = { ...reading.columns };
	let measure: string | null = null;
	let layout: Mapping['layout'];
	if (reading.months.length >= 2) layout = 'wide';
	else if (
		columns.month !== undefined &&
		(columns.value !== undefined || reading.measures.length > 0)
	) {
		layout = 'long';
	} else if (columns.sku !== undefined && ITEM_FIELDS.some((f) => columns[f] !== undefined)) {
		layout = 'items';
	} else layout = columns.month !== undefined ? 'long' : reading.months.length ? 'wide' : 'items';

	// `SKU, Month, Sales forecast`: the column named after a measure holds its values.
	if (layout === 'long' && columns.value === undefined && reading.measures.length) {
		columns.value = reading.measures[0].column;
		measure = reading.measures[0].measure;
	}
	if (layout !== 'items' && columns.measure === undefined && measure === null) {
		measure = remembered?.measure ?? null;
	}
	const months = layout === 'wide' ? reading.months : [];
	const headerLine = header?.line ?? 0;
	const { style } = numberStyleOf(rows, { layout, headerLine, columns, months }, numberHint);
	return {
		layout,
		headerLine,
		columns,
		months,
		measure,
		numberStyle: style,
		...(columns.leadTime !== undefined && reading.leadTimeUnit
			? { leadTimeUnit: reading.leadTimeUnit }
			: {})
	};
}

/**
 * How the numbers of a file read as `mapping` says are written: decided from its value cells only
 * (SKUs, months and dates do not vote), with a sentence saying why.
 */
export function numberStyleOf(
	rows: SheetRow[],
	mapping: Pick<Mapping, 'layout' | 'headerLine' | 'columns' | 'months'>,
	hint?: NumberStyle
): { style: NumberStyle; reason: string } {
	const { layout, columns } = mapping;
	const valueColumns =
		layout === 'wide'
			? mapping.months.map((m) => m.column)
			: layout === 'long'
				? [columns.value].filter((c) => c !== undefined)
				: VALUE_FIELDS.flatMap((f) => (columns[f] === undefined ? [] : [columns[f]]));
	return detectNumberStyle(rows, mapping.headerLine + 1, hint, valueColumns);
}

/** What to remember of a mapping for the next file: each mapped header's text → its field. */
export function rememberMapping(headerCells: SheetCell[], mapping: Mapping): RememberedMapping {
	const columns: Record<string, Field> = {};
	for (const field of FIELDS) {
		const column = mapping.columns[field];
		const key = column === undefined ? '' : cellText(headerCells[column]).toLowerCase();
		if (key) columns[key] = field;
	}
	return {
		columns,
		measure: mapping.measure,
		...(mapping.leadTimeUnit ? { leadTimeUnit: mapping.leadTimeUnit } : {})
	};
}

const choose = (field: Field) => `Choose the column that holds the ${FIELD_LABELS[field]}.`;
const CHOOSE_MEASURE = 'Choose the column that names the measure, or the measure every value is.';

/** Why a file cannot be read with `mapping` (whole-file problems, line 0); empty when it can. */
export function mappingProblems(mapping: Mapping): ImportProblem[] {
	const messages: string[] = [];
	const { columns, layout } = mapping;
	const has = (field: Field) => columns[field] !== undefined;

	const chosen = mapping.measure === null ? undefined : measureById(mapping.measure);
	if (mapping.measure !== null && !inputMeasure(mapping.measure)) {
		messages.push(
			chosen
				? `${chosen.label} is computed from other measures; choose a measure to import.`
				: `'${mapping.measure}' is not a measure of this plan.`
		);
	}
	const byFamily = has('family') && (has('measure') || chosen?.level === 'family');
	if (!has('sku') && (layout === 'items' || !byFamily)) {
		messages.push(
			layout === 'items'
				? choose('sku')
				: `${choose('sku')} Only family-level measures (such as Capacity) can go without one, by family.`
		);
	}
	if (layout === 'long') {
		if (!has('month')) messages.push(choose('month'));
		if (!has('value')) messages.push(choose('value'));
	}
	if (layout === 'wide' && mapping.months.length === 0) {
		messages.push(
			'No column is a month: the header row should name one month a column, such as 2026-09 or Sep 2026.'
		);
	}
	if (layout !== 'items' && !has('measure') && mapping.measure === null) {
		messages.push(CHOOSE_MEASURE);
	}

	const uses = new Map<number, string[]>();
	const use = (column: number, what: string) =>
		uses.set(column, [...(uses.get(column) ?? []), what]);
	for (const field of FIELDS)
		if (columns[field] !== undefined) use(columns[field], FIELD_LABELS[field]);
	for (const m of mapping.months) use(m.column, m.month);
	for (const [column, what] of uses) {
		if (what.length > 1) {
			messages.push(`Column ${columnName([], column)} is chosen as both ${what.join(' and ')}.`);
		}
	}
	return messages.map((message) => ({ line: 0, column: null, message }));
}
