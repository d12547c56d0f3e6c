/**
 * The shapes an import passes through, from a file's cells to a preview of what would change.
 * Shared by the browser (the Import page draws a preview) and the server (which reads, checks and
 * applies); nothing here does I/O.
 */

/** One cell as a file gives it: CSV cells are text; XLSX cells are text or numbers, dates as 'YYYY-MM-DD'. */
export type SheetCell = string | number | null;

export interface SheetRow {
	/** 1-based line of a CSV file or row number of an XLSX sheet, as a person finds it. */
	line: number;
	cells: SheetCell[];
}

/** What the server read from a file before interpreting it. */
export interface FileRead {
	kind: 'csv' | 'xlsx';
	/** XLSX: every sheet's name, in workbook order; CSV: empty. */
	sheets: string[];
	/** XLSX: the sheet read; CSV: null. */
	sheet: string | null;
	/** CSV only: how the text was decoded and split. */
	encoding: 'utf-8' | 'windows-1252' | null;
	delimiter: ',' | ';' | '\t' | null;
	rows: SheetRow[];
	/** Problems found while reading (a formula without a saved value, an error cell). */
	problems: ImportProblem[];
}

/** The decimal separator of numbers written as text: `1,234.5` is 'point', `1.234,5` is 'comma'. */
export type NumberStyle = 'point' | 'comma';

/**
 * - long: one value a line (`sku, month, measure, value`);
 * - wide: one line per SKU (or SKU × measure), months as columns;
 * - items: an item list (family, SKU, name, unit price, unit cost, opening stock, safety stock,
 *   lead time).
 */
export type Layout = 'long' | 'wide' | 'items';

/** What a column can mean. */
export const FIELDS = [
	'family',
	'sku',
	'name',
	'month',
	'measure',
	'value',
	'price',
	'cost',
	'opening',
	'safety',
	'leadTime'
] as const;
export type Field = (typeof FIELDS)[number];

/** A lead-time column's unit, named by its header ('Lead time (weeks)'); days unless it says weeks. */
export type LeadTimeUnit = 'days' | 'weeks';

/** How a file's columns are read; proposed from the header, changed by the person. */
export interface Mapping {
	layout: Layout;
	/** The line of the header row. */
	headerLine: number;
	/** 0-based column index of each field the file has. */
	columns: Partial<Record<Field, number>>;
	/** Wide layout: the columns that hold months. */
	months: { column: number; month: string }[];
	/** Wide layout without a measure column: the measure (id) every value is. */
	measure: string | null;
	numberStyle: NumberStyle;
	/** The unit of the lead-time column; days when absent. */
	leadTimeUnit?: LeadTimeUnit;
}

/** What is remembered per plan (or workspace history) for the next import: header text → field. */
export interface RememberedMapping {
	/** Lower-cased, trimmed header text → the field the person chose for it. */
	columns: Record<string, Field>;
	measure: string | null;
	leadTimeUnit?: LeadTimeUnit;
}

export interface ImportProblem {
	/** The file's line (see SheetRow.line); 0 for a problem of the whole file. */
	line: number;
	/** The column's header text (or its letter when it has none); null for a whole line or file. */
	column: string | null;
	message: string;
}

/** One value read from a file, for an item (by SKU) or, for family-level measures, a family. */
export interface ImportValue {
	line: number;
	/** Header text of the column it came from (for problems found later). */
	column: string;
	sku: string | null;
	/** The family named on the line; the owner of a family-level measure (capacity). */
	family: string | null;
	/** 'YYYY-MM'; '' when `everyMonth`. */
	month: string;
	/** An input measure's id. */
	measure: string;
	value: number;
	/**
	 * An item list's attribute (price, cost, safety stock, opening stock) has no month: it holds for
	 * every month of the plan's horizon. A measure kept for the first month only (opening stock,
	 * `firstPeriodOnly`) thereby sets just the first month.
	 */
	everyMonth?: true;
}

/** An item named in a file, with its family (and name when the file has one). */
export interface ImportItem {
	line: number;
	sku: string;
	family: string | null;
	name: string | null;
	leadTimeDays: number | null;
}

export interface ImportRecords {
	values: ImportValue[];
	items: ImportItem[];
	/** Any problem blocks applying; the preview lists them all. */
	problems: ImportProblem[];
	/** Lines read and left out on purpose: totals, derived measures (`reason` says which). */
	skipped: { reason: string; lines: number }[];
}
