import type { SheetCell } from './types.ts';

/** Month names and abbreviations in English, German, French, Spanish and Dutch, lower-cased. */
const MONTH_NAMES = new Map<string, number>();
[
	'january jan januar janvier janv enero ene januari',
	'february feb februar février fevrier févr fevr febrero februari',
	'march mar märz maerz marz mär mrz mars marzo maart mrt',
	'april apr avril avr abril abr',
	'may mai mayo mei',
	'june jun juni juin junio',
	'july jul juli juillet juil julio',
	'august aug août aout agosto ago augustus',
	'september sep sept septembre septiembre setiembre set',
	'october oct oktober okt octobre octubre',
	'november nov noviembre',
	'december dec dezember dez décembre déc diciembre dic'
].forEach((names, i) => {
	for (const name of names.split(' ')) MONTH_NAMES.set(name, i + 1);
});

/** `2026-09`, `2026/9`, `2026-09-01`, `2026-09-01T00:00:00` (XLSX dates, ISO timestamps). */
const YEAR_FIRST =
	/^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?$/;
/** `09/2026`, `9/2026`, `09.2026`, `9-2026`. */
const MONTH_FIRST = /^(\d{1,2})[-/.](\d{4})$/;
/** `Sep 2026`, `September 2026`, `sep. 26`, `Sep-26`, `févr. 2026`, `Jan '26`. */
const NAMED = /^(\p{L}+)\.?[\s\-/.,]*['\u2019]?(\d{4}|\d{2})$/u;

/*
 * Excel stores a date as days since 1899-12-30 (counting the 1900 leap day Lotus invented, which
 * does not matter after March 1900). Only serials of 1950..2200 read as months, so that a year
 * (2026) or a quantity written where a month belongs is refused rather than read as 1905.
 */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;
const FIRST_SERIAL = 18_264; // 1950-01-01
const LAST_SERIAL = 109_939; // 2200-12-31

function month(year: number, m: number): string | null {
	if (m < 1 || m > 12 || year < 1900 || year > 2200) return null;
	return `${year}-${m < 10 ? '0' : ''}${m}`;
}

/**
 * The month ('YYYY-MM') a cell names, or null. Two-digit years are 20YY. A full date with the year
 * last (`01/09/2026`) is refused: whether it is the 1st of September or the 9th of January depends
 * on the writer's country, and guessing would move values by months without anyone noticing.
 */
export function parseMonth(cell: SheetCell): string | null {
	if (typeof cell === 'number') {
		if (!(cell >= FIRST_SERIAL && cell < LAST_SERIAL + 1)) return null;
		const date = new Date(EXCEL_EPOCH + Math.floor(cell) * DAY);
		return month(date.getUTCFullYear(), date.getUTCMonth() + 1);
	}
	if (cell === null) return null;
	const text = cell.trim();
	let m = YEAR_FIRST.exec(text);
	if (m) {
		if (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > 31)) return null;
		return month(Number(m[1]), Number(m[2]));
	}
	m = MONTH_FIRST.exec(text);
	if (m) return month(Number(m[2]), Number(m[1]));
	m = NAMED.exec(text);
	if (m) {
		const number = MONTH_NAMES.get(m[1].toLowerCase());
		const year = Number(m[2]);
		return number ? month(m[2].length === 2 ? 2000 + year : year, number) : null;
	}
	return null;
}
