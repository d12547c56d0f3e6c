import type { MeasureFormat } from './measures.ts';

/** ISO 4217 code a plan's money is in when nobody chose one. */
export const DEFAULT_CURRENCY = 'EUR';

const FORMATS: Record<MeasureFormat, Intl.NumberFormat> = {
	units: new Intl.NumberFormat('en', { maximumFractionDigits: 0 }),
	currency: new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
	percent: new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }),
	weeks: new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
};
const WHOLE = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/**
 * A value as the grid shows it; blank for no value (undefined, null or NaN). Money keeps its cents
 * below 1,000 only: on larger figures they are noise that pushes the digits that matter apart.
 */
export function formatValue(value: number | undefined | null, format: MeasureFormat): string {
	if (value === undefined || value === null || Number.isNaN(value)) return '';
	if (format === 'currency' && Math.abs(value) >= 1000) return WHOLE.format(value);
	return FORMATS[format].format(value);
}

const moneyFormats = new Map<string, { cents: Intl.NumberFormat; whole: Intl.NumberFormat }>();

/** An amount with its currency, as in headlines and totals: '€1,234,567', '€12.50'. */
export function formatMoney(value: number, currency: string): string {
	let f = moneyFormats.get(currency);
	if (!f) {
		const style = { style: 'currency', currency } as const;
		f = {
			cents: new Intl.NumberFormat('en', { ...style, minimumFractionDigits: 2 }),
			whole: new Intl.NumberFormat('en', { ...style, maximumFractionDigits: 0 })
		};
		moneyFormats.set(currency, f);
	}
	return (Math.abs(value) >= 1000 ? f.whole : f.cents).format(value);
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

/** The possessive of a name: 'Sam’s', but 'Operations’' and 'James’' for names ending in s. */
export function possessive(name: string): string {
	return /s$/i.test(name) ? `${name}’` : `${name}’s`;
}

const OR_LIST = new Intl.ListFormat('en', { type: 'disjunction' });

/** Names as one to ask: 'Lee', 'Lee or Ada', 'Lee, Ada, or Sam'. */
export function orList(names: readonly string[]): string {
	return OR_LIST.format(names);
}
