import { csvRows, type Delimiter } from './csv-rows.ts';
import { isOneLine } from './text.ts';

/**
 * The product hierarchy of a new plan as pasted into its form: CSV text (comma, semicolon or tab),
 * one item a line, `Family, SKU, Item name`, optionally under a header row naming the columns in
 * any order. The browser previews it as typed; the server refuses the same problems.
 */

export const MAX_PLAN_ITEMS = 5000;
/** The longest family, SKU and item name a plan keeps (an import refuses the same). */
export const MAX_LENGTH = { family: 80, sku: 40, name: 120 } as const;

export interface ItemListFamily {
	name: string;
	items: { sku: string; name: string }[];
}

export interface ItemListProblem {
	/** 1-based line of the text, 0 for a problem of the whole list. */
	line: number;
	message: string;
}

export interface ItemList {
	families: ItemListFamily[];
	itemCount: number;
	/** The line read as column names, if the list has one. */
	headerLine: number | null;
	delimiter: Delimiter;
	problems: ItemListProblem[];
}

type Column = keyof typeof MAX_LENGTH;
const COLUMN_NAMES: Record<string, Column> = {
	family: 'family',
	'product family': 'family',
	sku: 'sku',
	'item name': 'name',
	name: 'name',
	item: 'name'
};
const COLUMN_LABELS: Record<Column, string> = { family: 'family', sku: 'SKU', name: 'item name' };
const COLUMNS: readonly Column[] = ['family', 'sku', 'name'];

export function parseItemList(text: string): ItemList {
	const unified = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	const delimiter = guessDelimiter(unified);
	const rows = csvRows(spacesBeforeQuotesRemoved(unified, delimiter), delimiter).filter((r) =>
		r.cells.some((c) => c.trim() !== '')
	);
	const problems: ItemListProblem[] = [];

	const header = rows.length ? headerColumns(rows[0].cells) : null;
	let positions: Record<Column, number> | null = null;
	if (header) {
		const missing = COLUMNS.filter((c) => header[c] === undefined);
		if (missing.length) {
			problems.push({
				line: rows[0].line,
				message: `the column names lack ${listOf(missing.map((c) => COLUMN_LABELS[c]))}`
			});
		} else positions = header as Record<Column, number>;
	}

	const families = new Map<string, ItemListFamily>();
	const firstLineOfSku = new Map<string, number>();
	let itemCount = 0;
	if (!header || positions) {
		for (const row of header ? rows.slice(1) : rows) {
			const fields = positions ? pick(row.cells, positions) : withoutHeader(row.cells, delimiter);
			if (!fields) {
				problems.push({ line: row.line, message: 'write "Family, SKU, Item name"' });
				continue;
			}
			const problem = fieldProblem(fields);
			if (problem) {
				problems.push({ line: row.line, message: problem });
				continue;
			}
			const key = fields.sku.toLowerCase();
			const first = firstLineOfSku.get(key);
			if (first !== undefined) {
				problems.push({
					line: row.line,
					message: `SKU ${fields.sku} appears twice (first on line ${first})`
				});
				continue;
			}
			firstLineOfSku.set(key, row.line);
			let family = families.get(fields.family);
			if (!family) families.set(fields.family, (family = { name: fields.family, items: [] }));
			family.items.push({ sku: fields.sku, name: fields.name });
			itemCount++;
		}
	}
	if (itemCount > MAX_PLAN_ITEMS) {
		problems.push({
			line: 0,
			message: `A plan holds at most ${MAX_PLAN_ITEMS} items; this list has ${itemCount}`
		});
	}
	return {
		families: [...families.values()],
		itemCount,
		headerLine: header ? rows[0].line : null,
		delimiter,
		problems
	};
}

/** One line for a form's error: the first problems, with line numbers; null when there are none. */
export function itemListError(list: ItemList): string | null {
	if (list.problems.length === 0) {
		return list.itemCount === 0 ? 'Add at least one item: "Family, SKU, Item name"' : null;
	}
	const shown = list.problems.slice(0, 5).map(problemText).join('; ');
	const more = list.problems.length - 5;
	return more > 0 ? `${shown}; and ${more} more` : shown;
}

export function problemText(p: ItemListProblem): string {
	return p.line ? `Line ${p.line}: ${p.message}` : p.message;
}

/**
 * A spreadsheet's paste is tab-separated; otherwise the separator that splits more of the first
 * lines in three (a sample, so the preview stays quick on a list of thousands).
 */
function guessDelimiter(text: string): Delimiter {
	if (text.includes('\t')) return '\t';
	const sample = text.split('\n', 50).join('\n');
	const score = (d: Delimiter) => csvRows(sample, d).filter((r) => r.cells.length >= 3).length;
	return score(';') > score(',') ? ';' : ',';
}

/**
 * `Bikes, B1, "Aero 58, red"`: people put a space after the separator, and CSV then reads the
 * quote as part of the text. Drops the spaces between a separator (or line start) and an opening
 * quote; everything inside quotes stays as it is.
 */
function spacesBeforeQuotesRemoved(text: string, delimiter: Delimiter): string {
	if (!text.includes('"')) return text;
	let out = '';
	let inQuotes = false;
	let fieldStart = true;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (inQuotes) {
			if (c === '"' && text[i + 1] === '"') out += text[i++];
			else if (c === '"') inQuotes = false;
		} else if (fieldStart && c === ' ') {
			let j = i;
			while (text[j] === ' ') j++;
			if (text[j] === '"') {
				i = j - 1;
				continue;
			}
		} else if (fieldStart && c === '"') inQuotes = true;
		out += c;
		fieldStart = !inQuotes && (c === delimiter || c === '\n');
	}
	return out;
}

/** The column of each known name when the row is a header (two or more known names), else null. */
function headerColumns(cells: string[]): Partial<Record<Column, number>> | null {
	const found: Partial<Record<Column, number>> = {};
	cells.forEach((cell, i) => {
		const column = COLUMN_NAMES[cell.trim().toLowerCase()];
		if (column && found[column] === undefined) found[column] = i;
	});
	return Object.keys(found).length >= 2 ? found : null;
}

function pick(cells: string[], at: Record<Column, number>): Record<Column, string> {
	return {
		family: (cells[at.family] ?? '').trim(),
		sku: (cells[at.sku] ?? '').trim(),
		name: (cells[at.name] ?? '').trim()
	};
}

/** Without a header the columns are Family, SKU, Item name; an unquoted separator in the name stays in it. */
function withoutHeader(cells: string[], delimiter: Delimiter): Record<Column, string> | null {
	if (cells.length < 3) return null;
	const [family, sku, ...name] = cells.map((c) => c.trim());
	return { family, sku, name: name.join(delimiter === '\t' ? ' ' : `${delimiter} `) };
}

function fieldProblem(fields: Record<Column, string>): string | null {
	const missing = COLUMNS.filter((c) => fields[c] === '');
	if (missing.length) {
		const labels = missing.map((c) => COLUMN_LABELS[c]);
		return `the ${listOf(labels)} ${missing.length === 1 ? 'is' : 'are'} missing`;
	}
	if (!COLUMNS.every((c) => isOneLine(fields[c]))) {
		return 'remove the control characters (such as NUL or tab)';
	}
	const long = COLUMNS.find((c) => fields[c].length > MAX_LENGTH[c]);
	return long ? `the ${COLUMN_LABELS[long]} is longer than ${MAX_LENGTH[long]} characters` : null;
}

function listOf(words: string[]): string {
	return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
