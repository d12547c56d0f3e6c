import { DEFAULT_NUMBER_LOCALE } from './format.ts';
import { decimalsOf, type InputMeasure } from './measures.ts';
import { separatorsOf } from './number-locale.ts';

export type CellInput = { ok: true; value: number | null } | { ok: false; error: string };

export const MAX_CELL_VALUE = 1e12;

// \s covers the no-break (U+00A0), narrow no-break (U+202F) and thin (U+2009) spaces.
const SPACES = /\s/g;
const GROUPED = /^(?:(?:\d{1,3}(?:_\d{3})+|\d+)(?:\.\d*)?|\.\d+)$/;

/**
 * A number as typed or pasted by a person who writes numbers in `locale`, as JavaScript spells it
 * ('1 234,5' in nb → '1234.5'), or null if it is not one. Spaces (including the no-break and
 * narrow no-break spaces Intl and spreadsheets write) and the locale's grouping mark group digits
 * in threes only, so '1,5' in English is refused rather than read as 15. Where '.' is not the
 * grouping mark it is a decimal point too: a Norwegian numeric keypad types '.'.
 */
export function normaliseNumber(raw: string, locale: string): string | null {
	const { group, decimal } = separatorsOf(locale);
	const [, sign, rest] = /^([-+\u2212]?)(.*)$/s.exec(raw.trim())!;
	let body = rest.replace(SPACES, '_');
	if (group && !/^\s$/.test(group)) body = body.split(group).join('_');
	if (decimal !== '.') body = body.split(decimal).join('.');
	if (!GROUPED.test(body)) return null;
	return `${sign === '-' || sign === '\u2212' ? '-' : ''}${body.replace(/_/g, '')}`;
}

/**
 * Reads what a person typed into a cell, in the way they write numbers (`locale`). Accepts
 * '1,234' (en) or '1 234' (nb), ' 12 ', '-3' (where the measure allows it), as many decimals as
 * the measure keeps ('12.5' is refused for units, not rounded to 13 out of sight) and '' (clears
 * the cell); refuses anything else with a message fit to show them.
 */
export function parseCellInput(
	raw: string,
	m: InputMeasure,
	locale = DEFAULT_NUMBER_LOCALE
): CellInput {
	if (raw.trim() === '') return checkCellValue(null, m);
	const text = normaliseNumber(raw, locale);
	if (text === null) return { ok: false, error: `"${raw.trim()}" is not a number` };
	const allowed = decimalsOf(m.format);
	const decimals = (text.split('.')[1] ?? '').replace(/0+$/, '').length;
	if (decimals > allowed) {
		const takes = allowed === 0 ? 'whole numbers' : `at most ${allowed} decimals`;
		return { ok: false, error: `${m.label} takes ${takes}, not "${raw.trim()}"` };
	}
	return checkCellValue(Number(text), m);
}

/** The rules a value must meet to be stored in a cell of `m`, for typed input and raw updates alike. */
export function checkCellValue(value: unknown, m: InputMeasure): CellInput {
	if (m.readOnly) return { ok: false, error: `${m.label} is read-only` };
	if (value === null) return { ok: true, value: null };
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		return { ok: false, error: `${m.label} takes a number` };
	}
	if (!m.allowNegative && value < 0) return { ok: false, error: `${m.label} cannot be negative` };
	if (Math.abs(value) > MAX_CELL_VALUE) return { ok: false, error: 'That number is too large' };
	return { ok: true, value };
}
