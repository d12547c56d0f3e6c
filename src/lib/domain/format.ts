import type { MeasureFormat } from './measures.ts';

/** ISO 4217 code a plan's money is in when nobody chose one. */
export const DEFAULT_CURRENCY = 'EUR';

/**
 * The locale numbers are written in when nobody chose one and no browser said: server messages,
 * logs and anything machine-read stay in it.
 */
export const DEFAULT_NUMBER_LOCALE = 'en';

const OPTIONS: Record<MeasureFormat, Intl.NumberFormatOptions> = {
	units: { maximumFractionDigits: 0 },
	currency: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
	percent: { style: 'percent', maximumFractionDigits: 1 },
	weeks: { minimumFractionDigits: 1, maximumFractionDigits: 1 },
	days: { maximumFractionDigits: 0 }
};
/** Places each format shows (a percent's fraction is 100 times finer than its figure's). */
const SHOWN_DECIMALS: Record<MeasureFormat, number> = {
	units: 0,
	currency: 2,
	percent: 3,
	weeks: 1,
	days: 0
};
const WHOLE: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };

const formatters = new Map<string, Intl.NumberFormat>();

/** The cached Intl.NumberFormat for `locale` and `options` (made once: making one is slow). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}) {
	const key = `${locale}|${JSON.stringify(options)}`;
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.NumberFormat(locale, options);
		formatters.set(key, f);
	}
	return f;
}

type CellFormats = Record<MeasureFormat | 'whole', Intl.NumberFormat>;
// A grid redraw formats thousands of cells: their formatters per locale, looked up by one key.
const cellFormats = new Map<string, CellFormats>();

function cellFormatsOf(locale: string): CellFormats {
	let f = cellFormats.get(locale);
	if (!f) {
		f = { whole: numberFormat(locale, WHOLE) } as CellFormats;
		for (const [format, options] of Object.entries(OPTIONS)) {
			f[format as MeasureFormat] = numberFormat(locale, options);
		}
		cellFormats.set(locale, f);
	}
	return f;
}

/**
 * A value as the grid shows it, in the reader's `locale` ('1,234.5' in English, '1 234,5' in
 * Norwegian); blank for no value (undefined, null or NaN). Money keeps its cents below 1,000 only:
 * on larger figures they are noise that pushes the digits that matter apart.
 */
export function formatValue(
	value: number | undefined | null,
	format: MeasureFormat,
	locale = DEFAULT_NUMBER_LOCALE
): string {
	if (value === undefined || value === null || Number.isNaN(value)) return '';
	// Cover is unbounded when the stock outlasts the plan; a ratio over zero capacity is over it.
	if (value === Infinity) return format === 'weeks' || format === 'days' ? '> horizon' : '∞';
	const formats = cellFormatsOf(locale);
	if (format === 'currency' && Math.abs(value) >= 1000) return formats.whole.format(value);
	return formats[format].format(noNegativeZero(value, SHOWN_DECIMALS[format]));
}

/**
 * The value, or 0 where it rounds to zero at the places shown: −0.2 units, −0.001 € and −0 itself
 * all read as 0, never '-0'. Rounding comes before the sign is chosen.
 */
function noNegativeZero(value: number, decimals: number): number {
	return Math.abs(value) * 10 ** decimals < 0.5 ? 0 : value;
}

/** A change in percent with its sign, as in '+3.5%' and '−1.2%'; '0%' when it rounds to nothing. */
export function formatSignedPercent(value: number, locale = DEFAULT_NUMBER_LOCALE): string {
	const v = noNegativeZero(value, SHOWN_DECIMALS.percent);
	const sign = v > 0 ? '+' : v < 0 ? '−' : '';
	return `${sign}${formatValue(Math.abs(v), 'percent', locale)}`;
}

/** An amount with its currency, as in headlines and totals: '€1,234,567', '€12.50'. */
export function formatMoney(value: number, currency: string, locale = DEFAULT_NUMBER_LOCALE) {
	const style = { style: 'currency', currency } as const;
	const f =
		Math.abs(value) >= 1000
			? numberFormat(locale, { ...style, maximumFractionDigits: 0 })
			: numberFormat(locale, { ...style, minimumFractionDigits: 2 });
	return f.format(noNegativeZero(value, 2));
}

/**
 * When something happened, one way everywhere: '3 Mar 2027, 14:05', a 24-hour clock in the
 * reader's own time zone (or `timeZone`). Only a browser knows that zone, so pages render it there
 * (see Moment.svelte), never as a server time that changes once the page is live.
 */
export function formatMoment(iso: string, timeZone?: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	return new Intl.DateTimeFormat('en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone
	}).format(date);
}

/** '1 cell', '1,234 cells'. */
export function count(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** The possessive of a name: 'Sam’s', but 'Operations’' and 'James’' for names ending in s. */
export function possessive(name: string): string {
	return /s$/i.test(name) ? `${name}’` : `${name}’s`;
}

const OR_LIST = new Intl.ListFormat('en', { type: 'disjunction' });

/** Names as one to ask: 'Lee', 'Lee or Ada', 'Lee, Ada, or Sam'. */
export function orList(names: readonly string[]): string {
	return OR_LIST.format(names);
}
