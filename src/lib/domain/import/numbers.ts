import type { NumberStyle, SheetCell, SheetRow } from './types.ts';

/**
 * Numbers written as text, in either style. Thousands are grouped in threes by one separator used
 * throughout (`1,234,567.5`, `1 234 567,5` with a space, no-break or narrow no-break space, or
 * `1'234.5` in Switzerland); the decimal part is optional. A leading minus is the only sign of a
 * negative number: `(12)` and `12%` are not numbers.
 */
const POINT =
	/^([-+\u2212]?)(\d{1,3}(?:([,' \u00a0\u202f\u2019])\d{3})(?:\3\d{3})*|\d+)(?:\.(\d+))?$/;
const COMMA = /^([-+\u2212]?)(\d{1,3}(?:([. \u00a0\u202f])\d{3})(?:\3\d{3})*|\d+)(?:,(\d+))?$/;
/** Spreadsheets write very large or small numbers this way in CSV: `1.5E+06`. */
const EXPONENT = /^[-+]?\d+(?:\.\d+)?[eE][-+]?\d+$/;
const INTEGER = /^-?\d+$/;
const NOT_DIGIT = /\D/g;

/** True for an empty cell or one holding only spaces. */
export function isBlank(cell: SheetCell): boolean {
	return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** The number a cell holds, reading text in `style`; null when it is not a number (or blank). */
export function parseNumber(cell: SheetCell, style: NumberStyle): number | null {
	if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
	if (cell === null) return null;
	const text = cell.trim();
	if (INTEGER.test(text)) return Number(text);
	const m = (style === 'point' ? POINT : COMMA).exec(text);
	if (!m) return style === 'point' && EXPONENT.test(text) ? Number(text) : null;
	const digits = m[3] ? m[2].replace(NOT_DIGIT, '') : m[2];
	const value = Number(m[4] === undefined ? digits : `${digits}.${m[4]}`);
	return m[1] === '-' || m[1] === '\u2212' ? -value : value;
}

/** What one text cell says about the style: which one it decides, or 'either' (`1,234`). */
type Evidence = NumberStyle | 'either' | null;

/** A lone separator followed by exactly three digits reads as thousands in one style, decimals in the other. */
const AMBIGUOUS = /^[-+\u2212]?\d{1,3}[.,]\d{3}$/;
/** `09.2026` is a month, not a number; no one writes a number with a leading zero and more digits. */
const LEADING_ZERO = /^[-+\u2212]?0\d/;

function evidenceOf(text: string): Evidence {
	if (INTEGER.test(text) || LEADING_ZERO.test(text)) return null;
	if (AMBIGUOUS.test(text)) return 'either';
	const point = POINT.test(text);
	const comma = COMMA.test(text);
	// Grouping by spaces alone (`1 234`) fits both; anything else fits at most one.
	return point === comma ? null : point ? 'point' : 'comma';
}

const STYLE_NAME: Record<NumberStyle, string> = {
	point: 'Decimal point',
	comma: 'Decimal comma'
};

/**
 * The style of a file's numbers, decided from its text cells from `from` (a SheetRow.line) on, in
 * `columns` (0-based; every column when omitted): the style more cells can only be read in wins.
 * Cells that read either way (`1,234`) count for nothing; when nothing else decides, `hint` does
 * (a CSV separated by ';' suggests 'comma'), else 'point'. `reason` is a sentence for the person.
 */
export function detectNumberStyle(
	rows: SheetRow[],
	from: number,
	hint?: NumberStyle,
	columns?: readonly number[]
): { style: NumberStyle; reason: string } {
	const count = { point: 0, comma: 0 };
	const first: Partial<Record<NumberStyle, { text: string; line: number }>> = {};
	let ambiguous = null as { text: string; line: number } | null;
	const look = (cell: SheetCell, line: number) => {
		if (typeof cell !== 'string') return;
		const text = cell.trim();
		const evidence = evidenceOf(text);
		if (evidence === 'either') ambiguous ??= { text, line };
		else if (evidence) {
			count[evidence]++;
			first[evidence] ??= { text, line };
		}
	};
	for (const row of rows) {
		if (row.line < from) continue;
		if (columns) for (const c of columns) look(row.cells[c] ?? null, row.line);
		else for (const cell of row.cells) look(cell, row.line);
	}
	if (count.point || count.comma) {
		const style: NumberStyle = count.comma > count.point ? 'comma' : 'point';
		const { text, line } = first[style]!;
		const other = style === 'point' ? count.comma : count.point;
		const against = other ? ` (${other} of ${other + count[style]} numbers read otherwise)` : '';
		return { style, reason: `${STYLE_NAME[style]}: ${text} on line ${line}${against}` };
	}
	const style = hint ?? 'point';
	const why = ambiguous
		? `${ambiguous.text} on line ${ambiguous.line} reads either way`
		: 'no number has decimals';
	return {
		style,
		reason: hint
			? `${STYLE_NAME[style]}, as the file's separator suggests: ${why}`
			: `${STYLE_NAME[style]}: ${why}`
	};
}
