/**
 * The demo's numbers: plausible and repeatable (no random draws), so every fresh start shows the
 * same board. Month `m` counts from the first month of the demo's current cycle; an earlier
 * cycle's months are negative.
 */
import type { HistoryRow } from '../domain/import/history-changes.ts';
import { monthIndex, monthOfIndex, periods } from '../domain/periods.ts';
import type { PlanFamily, PlanItem } from './plans.ts';
import type { SeedValue } from './plan-values.ts';

/**
 * A seasonal baseline per item, plans that roughly follow it, and a couple of tight spots (a
 * family near its capacity, an item running short) worth discussing. The sales forecast runs 5 %
 * over the baseline, and the demand review's marketing adjustment takes half of that back: in
 * Forecast value add, the salespeople's optimism costs accuracy and the consensus wins part of it
 * back. `first` is the plan's first month, counted as `m`; the first `actualMonths` of it have
 * actual sales.
 */
export function demoValues(
	families: PlanFamily[],
	items: PlanItem[],
	months: string[],
	first: number,
	actualMonths: number
): SeedValue[] {
	const values: SeedValue[] = [];
	const put = (ownerId: string, period: string, measureId: string, value: number) =>
		values.push({ ownerId, period, measureId, value });
	items.forEach((item, i) => {
		const base = baseOf(i);
		const price = 40 + ((i * 53) % 900);
		put(item.id, months[0], 'opening', Math.round(base * (i % 4 === 1 ? 0.3 : 1.2)));
		months.forEach((period, t) => {
			const m = first + t;
			const baseline = baselineOf(i, m);
			const forecast = forecastOf(i, m);
			put(item.id, period, 'baseline', baseline);
			put(item.id, period, 'forecast', forecast);
			const marketing = -Math.round(baseline * 0.025);
			if (marketing !== 0) put(item.id, period, 'marketing', marketing);
			put(item.id, period, 'consensus', forecast + marketing);
			if (t < actualMonths) put(item.id, period, 'actual', soldOf(i, m));
			put(item.id, period, 'production', Math.round(base * 1.02));
			if (m % 3 === 0) put(item.id, period, 'receipts', Math.round(base * 0.1));
			put(item.id, period, 'safety', Math.round(base * 0.5));
			put(item.id, period, 'price', price);
			put(item.id, period, 'cost', Math.round(price * 0.62 * 100) / 100);
			put(item.id, period, 'budget', Math.round(baseline * price));
		});
	});
	families.forEach((family, f) => {
		const production = items
			.map((item, i) => (item.family_id === family.id ? Math.round(baseOf(i) * 1.02) : 0))
			.reduce((a, b) => a + b, 0);
		// Road bikes run at 97 % of their capacity, the others at 87 %.
		const utilisation = f === 0 ? 0.97 : 0.87;
		for (const period of months)
			put(family.id, period, 'capacity', Math.round(production / utilisation));
	});
	return values;
}

/** Item `i`'s typical month, and its seasonal baseline and sales forecast in month `m`. */
const baseOf = (i: number) => 80 + ((i * 37) % 120);
const baselineOf = (i: number, m: number) =>
	Math.round(baseOf(i) * (1 + 0.25 * Math.sin(((m + i) / 12) * 2 * Math.PI)));
const forecastOf = (i: number, m: number) => Math.round(baselineOf(i, m) * 1.05);

/**
 * What item `i` sold in month `m`: its baseline, on a market that grew 5 % a year up to the
 * current cycle's first month, up to 12 % either side of it.
 */
function soldOf(i: number, m: number): number {
	const hash = Math.abs(Math.sin(i * 12.9898 + m * 78.233) * 43758.5453) % 1;
	return Math.round(baselineOf(i, m) * (1 + (0.05 * Math.min(m, 0)) / 12) * (0.88 + 0.24 * hash));
}

/**
 * The workspace's sales of the demo items: `before` months before the current cycle's first
 * month (`start`), and its first `actualMonths`.
 */
export function demoHistory(
	items: PlanItem[],
	start: string,
	before: number,
	actualMonths: number
): HistoryRow[] {
	const months = periods(monthOfIndex(monthIndex(start) - before), before + actualMonths);
	return items.flatMap((item, i) =>
		months.map((month, k) => ({ sku: item.sku, month, quantity: soldOf(i, k - before) }))
	);
}
