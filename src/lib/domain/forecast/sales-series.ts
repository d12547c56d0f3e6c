/**
 * From a workspace's kept sales (per SKU and month) to the series the engine forecasts, and from
 * a forecast back to a plan's months. Pure: the caller reads the history and writes the plan.
 */
import { monthIndex, monthOfIndex } from '../periods.ts';

export interface SalesRecord {
	sku: string;
	month: string;
	quantity: number;
}

export interface SalesSeries {
	/** First month of `values` ('YYYY-MM'): the SKU's first month with a record. */
	start: string;
	/** One value per month from `start` through the history's end; a month without a record is 0. */
	values: number[];
}

/**
 * Each SKU's monthly series from its first record through `end`, the last month of the
 * workspace's history: a month without a record counts as no sales, up to that common end, so an
 * item that stopped selling looks like it.
 */
export function salesSeries(
	records: readonly SalesRecord[],
	end: string
): Map<string, SalesSeries> {
	const bySku = new Map<string, Map<number, number>>();
	for (const r of records) {
		let months = bySku.get(r.sku);
		if (!months) bySku.set(r.sku, (months = new Map()));
		months.set(monthIndex(r.month), r.quantity);
	}
	const last = monthIndex(end);
	const series = new Map<string, SalesSeries>();
	for (const [sku, months] of bySku) {
		const first = Math.min(...months.keys());
		if (first > last) continue;
		const values = Array.from({ length: last - first + 1 }, (_, k) => months.get(first + k) ?? 0);
		series.set(sku, { start: monthOfIndex(first), values });
	}
	return series;
}

/**
 * Where a plan's months fall in a forecast made from a history ending `end`: the forecast's
 * length that reaches the plan's last month, and the offset of the plan's first month in it.
 */
export function planWindow(
	end: string,
	planStart: string,
	planHorizon: number
): { horizon: number; offset: number } {
	const offset = monthIndex(planStart) - monthIndex(end) - 1;
	if (offset < 0) throw new Error(`History ending ${end} reaches into a plan from ${planStart}`);
	return { horizon: offset + planHorizon, offset };
}

/** A baseline value as the grid keeps it: whole hundredths, never below zero. */
export function baselineValue(forecast: number): number {
	return Math.max(0, Math.round(forecast * 100) / 100);
}
