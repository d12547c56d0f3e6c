import { MAX_LENGTH, MAX_PLAN_ITEMS } from '../item-list.ts';
import {
	INPUT_MEASURES,
	MEASURES,
	measure as measureById,
	type InputMeasure
} from '../measures.ts';
import { isOneLine } from '../text.ts';
import { cellText, columnName, FIELD_LABELS, measureFromText } from './columns.ts';
import { parseMonth } from './months.ts';
import { isBlank, parseNumber } from './numbers.ts';
import type {
	Field,
	ImportItem,
	ImportProblem,
	ImportRecords,
	ImportValue,
	Mapping,
	SheetCell,
	SheetRow
} from './types.ts';

/** The most values one file may set (a plan of 5,000 items × 24 months × 2 measures fits). */
export const MAX_IMPORT_VALUES = 250_000;
/** Problems listed one by one; the rest are counted in one last entry. */
export const MAX_PROBLEMS = 500;

const TOTALS = 'total lines (no SKU)';
/** 'Total', 'Plan total', 'Grand total', 'Sum' in a SKU, family or name cell mark a total line. */
const TOTAL = /^(?:(?:plan|grand)[\s_-]*)?total$|^sum$/i;
/** An item list's columns that set a measure of the same id for every month. */
const ITEM_MEASURES = ['price', 'cost', 'opening', 'safety'] as const;
const ITEM_MEASURE_OF = Object.fromEntries(
	INPUT_MEASURES.filter((m) => (ITEM_MEASURES as readonly string[]).includes(m.id)).map((m) => [
		m.id,
		m
	])
) as Record<string, InputMeasure>;
const KNOWN = INPUT_MEASURES.map((m) => m.label).join(', ');
/** Numbers each month × measure of an owner, to find a value given twice. */
const MEASURE_NUMBER = new Map(MEASURES.map((m, i) => [m.id, i]));
const MEASURE_COUNT = MEASURES.length;

function memo<T>(read: (text: string) => T): (text: string) => T {
	const seen = new Map<string, T>();
	return (text) => {
		if (seen.has(text)) return seen.get(text) as T;
		const value = read(text);
		seen.set(text, value);
		return value;
	};
}

/** The SKU, family and item name a line gives ('' for none). */
interface Names {
	sku: string;
	family: string;
	name: string;
}

/**
 * The values and items a file's lines hold under `mapping`, every line after the header, with a
 * problem (line and column) for anything that cannot be read. Empty value cells set nothing (they
 * are not zero). Totals (no SKU, or a 'Total' label) and computed measures are skipped and counted.
 */
export function readRecords(rows: SheetRow[], mapping: Mapping): ImportRecords {
	const { columns: at, layout, numberStyle } = mapping;
	const header = rows.find((r) => r.line === mapping.headerLine)?.cells ?? [];
	const headerNames = new Map<number, string>();
	const nameOf = (column: number | undefined): string | null => {
		if (column === undefined) return null;
		let name = headerNames.get(column);
		if (name === undefined) headerNames.set(column, (name = columnName(header, column)));
		return name;
	};

	const values: ImportValue[] = [];
	const items: ImportItem[] = [];
	const problems: ImportProblem[] = [];
	let moreProblems = 0;
	/** `column`: an index, or the header text of a value already read. */
	const problem = (line: number, column: number | string | undefined, message: string) => {
		if (problems.length === MAX_PROBLEMS) moreProblems++;
		else {
			const name = typeof column === 'string' ? column : nameOf(column);
			problems.push({ line, column: name, message });
		}
	};
	const skipped = new Map<string, number>();
	const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
	let computedReason: string | null = null;

	const itemOfSku = new Map<string, ImportItem>();
	// A file names few months and measures, in many lines each.
	const monthOfText = memo(parseMonth);
	const measureOfText = memo(measureFromText);
	let full = false;
	const stop = (line: number, message: string) => {
		problem(line, undefined, `${message}; reading stopped here.`);
		full = true;
	};

	const text = (row: SheetRow, field: Field) =>
		at[field] === undefined ? '' : cellText(row.cells[at[field]]);

	/** Says what is wrong with the SKU, family or name text, if anything; true if it did. */
	const namesProblem = (line: number, names: Names): boolean => {
		for (const field of ['sku', 'family', 'name'] as const) {
			const value = names[field];
			const label = FIELD_LABELS[field];
			if (!isOneLine(value)) {
				problem(line, at[field], `Remove the control characters (such as tab) from the ${label}.`);
			} else if (value.length > MAX_LENGTH[field]) {
				problem(line, at[field], `The ${label} is longer than ${MAX_LENGTH[field]} characters.`);
			} else continue;
			return true;
		}
		return false;
	};

	/** Keeps an item named on a line; false when the list is full. */
	const noteItem = (line: number, names: Names, leadTimeDays: number | null): boolean => {
		const key = names.sku.toLowerCase();
		const seen = itemOfSku.get(key);
		if (seen) {
			if (names.family && seen.family && names.family.toLowerCase() !== seen.family.toLowerCase()) {
				problem(
					line,
					at.family,
					`SKU ${names.sku} is in family ${seen.family} on line ${seen.line} and ${names.family} on line ${line}.`
				);
			}
			seen.family ??= names.family || null;
			seen.name ??= names.name || null;
			return true;
		}
		if (items.length === MAX_PLAN_ITEMS) {
			stop(line, `A file may name at most ${MAX_PLAN_ITEMS} items`);
			return false;
		}
		const item = {
			line,
			sku: names.sku,
			family: names.family || null,
			name: names.name || null,
			leadTimeDays
		};
		itemOfSku.set(key, item);
		items.push(item);
		return true;
	};

	/** The number in a value cell for `measure`, or null after saying why there is none. */
	const number = (line: number, column: number, cell: SheetCell, measure?: InputMeasure) => {
		const value = parseNumber(cell, numberStyle);
		if (value === null) {
			problem(line, column, `'${cellText(cell)}' is not a number.`);
			return null;
		}
		if (value < 0 && !measure?.allowNegative) {
			const what = measure ? measure.label : 'Lead time';
			problem(line, column, `${what} cannot be below zero: '${cellText(cell)}'.`);
			return null;
		}
		return value;
	};

	/*
	 * Which line gave each owner's month × measure, to name both lines of a value given twice: one
	 * small map per owner keyed by a number, as a string key per value made reading a large file
	 * several times slower.
	 */
	const valuesOfOwner = new Map<string, Map<number, number>>();
	const monthNumbers = new Map<string, number>();
	const linesOf = (sku: string | null, family: string) => {
		const owner = sku === null ? `f${family.toLowerCase()}` : `s${sku.toLowerCase()}`;
		let lines = valuesOfOwner.get(owner);
		if (!lines) valuesOfOwner.set(owner, (lines = new Map()));
		return lines;
	};

	/** Keeps a value unless the file is full or gave it before (`lines`: its owner's, see linesOf). */
	const addValue = (
		value: ImportValue,
		measure: InputMeasure,
		lines: Map<number, number> | null
	) => {
		if (values.length === MAX_IMPORT_VALUES) {
			return stop(value.line, `A file may hold at most ${MAX_IMPORT_VALUES} values`);
		}
		if (lines) {
			let month = monthNumbers.get(value.month);
			if (month === undefined) monthNumbers.set(value.month, (month = monthNumbers.size));
			const key = month * MEASURE_COUNT + MEASURE_NUMBER.get(measure.id)!;
			const first = lines.get(key);
			if (first !== undefined) {
				const who = value.sku === null ? `Family ${value.family}` : `SKU ${value.sku}`;
				const where =
					first === value.line ? `twice on line ${first}` : `on lines ${first} and ${value.line}`;
				return problem(
					value.line,
					value.column,
					`${who}, ${value.month}, ${measure.label} appears ${where}.`
				);
			}
			lines.set(key, value.line);
		}
		values.push(value);
	};

	const readItemLine = (row: SheetRow, names: Names) => {
		if (!names.sku) return problem(row.line, at.sku, 'The SKU is missing.');
		const seen = itemOfSku.get(names.sku.toLowerCase());
		if (seen) {
			return problem(
				row.line,
				at.sku,
				`SKU ${names.sku} appears on lines ${seen.line} and ${row.line}.`
			);
		}
		let leadTimeDays: number | null = null;
		const leadCell = at.leadTime === undefined ? null : row.cells[at.leadTime];
		if (!isBlank(leadCell ?? null)) {
			const days = number(row.line, at.leadTime!, leadCell ?? null);
			if (days !== null) leadTimeDays = mapping.leadTimeUnit === 'weeks' ? days * 7 : days;
		}
		const read: ImportValue[] = [];
		for (const id of ITEM_MEASURES) {
			const column = at[id];
			const cell = column === undefined ? null : (row.cells[column] ?? null);
			if (column === undefined || isBlank(cell)) continue;
			const value = number(row.line, column, cell, ITEM_MEASURE_OF[id]);
			if (value === null) continue;
			read.push({
				line: row.line,
				column: nameOf(column)!,
				sku: names.sku,
				family: names.family || null,
				month: '',
				measure: id,
				value,
				everyMonth: true
			});
		}
		if (!noteItem(row.line, names, leadTimeDays)) return;
		for (const value of read) addValue(value, ITEM_MEASURE_OF[value.measure], null);
	};

	/** The measure of a long or wide line, or null after saying (or counting) why there is none. */
	const measureOfLine = (row: SheetRow): InputMeasure | null => {
		const named = at.measure === undefined ? '' : cellText(row.cells[at.measure]);
		const id = named ? measureOfText(named) : mapping.measure;
		if (id === null) {
			problem(
				row.line,
				at.measure,
				named
					? `'${named}' is not a measure of this plan; known: ${KNOWN}.`
					: 'The measure is missing.'
			);
			return null;
		}
		const measure = measureById(id);
		if (measure?.kind === 'input') return measure;
		if (measure) skip((computedReason ??= `computed measures (e.g. ${measure.label})`));
		else problem(row.line, at.measure, `'${id}' is not a measure of this plan; known: ${KNOWN}.`);
		return null;
	};

	/**
	 * The value cells of a long or wide line that hold something, with their months: null where a
	 * long line's month cell (`monthCell`) is not one.
	 */
	const filledCells = (row: SheetRow) => {
		const filled: {
			column: number;
			cell: SheetCell;
			month: string | null;
			monthCell: SheetCell;
		}[] = [];
		if (layout === 'long') {
			const cell = at.value === undefined ? null : (row.cells[at.value] ?? null);
			if (isBlank(cell)) return filled;
			const monthCell = at.month === undefined ? null : (row.cells[at.month] ?? null);
			const month =
				typeof monthCell === 'number' ? parseMonth(monthCell) : monthOfText(cellText(monthCell));
			filled.push({ column: at.value!, cell, month, monthCell });
		} else {
			for (const { column, month } of mapping.months) {
				const cell = row.cells[column] ?? null;
				if (!isBlank(cell)) filled.push({ column, cell, month, monthCell: month });
			}
		}
		return filled;
	};

	const readValueLine = (row: SheetRow, names: Names) => {
		if (names.sku && (at.family !== undefined || at.name !== undefined)) {
			if (!noteItem(row.line, names, null)) return;
		}
		const filled = filledCells(row);
		if (!filled.length) return;
		const measure = measureOfLine(row);
		if (!measure) return;
		const byFamily = measure.level === 'family';
		if (byFamily && !names.family) {
			return problem(
				row.line,
				at.family,
				`${measure.label} is kept per family, and this line names no family.`
			);
		}
		if (!byFamily && !names.sku) {
			if (names.family) return skip(TOTALS);
			return problem(row.line, at.sku, `The SKU is missing for ${measure.label}.`);
		}
		const lines = linesOf(byFamily ? null : names.sku, names.family);
		for (const { column, cell, month, monthCell } of filled) {
			if (!month) {
				const written = cellText(monthCell);
				problem(
					row.line,
					at.month,
					written ? `'${written}' is not a month.` : 'The month is missing.'
				);
				continue;
			}
			const value = number(row.line, column, cell, measure);
			if (value === null) continue;
			addValue(
				{
					line: row.line,
					column: nameOf(column)!,
					sku: byFamily ? null : names.sku,
					family: names.family || null,
					month,
					measure: measure.id,
					value
				},
				measure,
				lines
			);
			if (full) return;
		}
	};

	for (const row of rows) {
		if (full) break;
		if (row.line <= mapping.headerLine || row.cells.every(isBlank)) continue;
		const names = { sku: text(row, 'sku'), family: text(row, 'family'), name: text(row, 'name') };
		if (namesProblem(row.line, names)) continue;
		if (
			TOTAL.test(names.sku) ||
			TOTAL.test(names.family) ||
			(!names.sku && TOTAL.test(names.name))
		) {
			skip(TOTALS);
			continue;
		}
		if (layout === 'items') readItemLine(row, names);
		else readValueLine(row, names);
	}

	if (moreProblems) {
		problems.push({ line: 0, column: null, message: `and ${moreProblems} more problems` });
	}
	return {
		values,
		items,
		problems,
		skipped: [...skipped].map(([reason, lines]) => ({ reason, lines }))
	};
}
