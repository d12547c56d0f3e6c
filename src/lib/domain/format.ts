import type { MeasureFormat } from './measures.ts';

const FORMATS: Record<MeasureFormat, Intl.NumberFormat> = {
	units: new Intl.NumberFormat('en', { maximumFractionDigits: 0 }),
	currency: new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
	percent: new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }),
	weeks: new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
};

/** A value as the grid shows it; blank for no value (undefined, null or NaN). */
export function formatValue(value: number | undefined | null, format: MeasureFormat): string {
	return value === undefined || value === null || Number.isNaN(value)
		? ''
		: FORMATS[format].format(value);
}

const MOMENT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** When something happened, in the reader's own language and clock: '25 Nov 2026, 10:42'. */
export function formatMoment(iso: string): string {
	return MOMENT.format(new Date(iso));
}

const OR_LIST = new Intl.ListFormat('en', { type: 'disjunction' });

/** Names as one to ask: 'Lee', 'Lee or Ada', 'Lee, Ada, or Sam'. */
export function orList(names: readonly string[]): string {
	return OR_LIST.format(names);
}
