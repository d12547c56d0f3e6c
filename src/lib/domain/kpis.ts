import type { FamilyRef, ItemRef } from './grid-rows.ts';
import type { Figures, PlanFigures } from './plan-figures.ts';

export interface Kpis {
	/** Consensus demand over the horizon, units. */
	demand: number;
	/** Supply (production + receipts) minus consensus demand over the horizon; negative is short. */
	supplyGap: number;
	/** Months in which at least one item projects a stock-out. */
	stockoutMonths: number;
	/** Inventory above its safety stock, valued at unit cost, averaged over the months. */
	excessValue: number;
	revenue: number;
	budget: number;
	/** Revenue over budget − 1; null without a budget. */
	revenueVsBudget: number | null;
	/** Gross margin over revenue; null without revenue. */
	marginPct: number | null;
	/** The busiest family-month, or null where no family has capacity. */
	utilisationPeak: { value: number; family: string; period: string } | null;
	/** Forecast accuracy over the months that have actual sales. */
	accuracy: { mape: number; bias: number; months: number } | null;
}

const sum = (s: Float64Array) => s.reduce((a, v) => (Number.isNaN(v) ? a : a + v), 0);
const n = (v: number) => (Number.isNaN(v) ? 0 : v);

/**
 * The plan's headline numbers for the KPI strip, from the same figures the grid shows.
 * Forecast accuracy compares the sales forecast with actual sales per item and month:
 * MAPE = mean |forecast − actual| / actual over item-months with actuals above zero,
 * bias = Σ(forecast − actual) / Σ actual (positive: forecasts run high).
 */
export function computeKpis(
	figures: PlanFigures,
	families: readonly FamilyRef[],
	items: readonly ItemRef[],
	periods: readonly string[]
): Kpis {
	const total = figures.total();
	const itemFigures = items.map((i) => figures.item(i.id));

	let stockoutMonths = 0;
	let excess = 0;
	for (let t = 0; t < periods.length; t++) {
		let stockout = false;
		for (const f of itemFigures) {
			const inventory = f.inventory[t];
			if (inventory < 0) stockout = true;
			excess += Math.max(0, inventory - n(f.safety[t])) * n(f.cost[t]);
		}
		if (stockout) stockoutMonths++;
	}

	let utilisationPeak: Kpis['utilisationPeak'] = null;
	for (const family of families) {
		const u = figures.family(family.id).utilisation;
		u.forEach((value, t) => {
			if (!Number.isNaN(value) && (!utilisationPeak || value > utilisationPeak.value)) {
				utilisationPeak = { value, family: family.name, period: periods[t] };
			}
		});
	}

	const revenue = sum(total.revenue);
	const budget = sum(total.budget);
	return {
		demand: sum(total.consensus),
		supplyGap: sum(total.gap),
		stockoutMonths,
		excessValue: periods.length ? excess / periods.length : 0,
		revenue,
		budget,
		revenueVsBudget: budget ? revenue / budget - 1 : null,
		marginPct: revenue ? sum(total.margin) / revenue : null,
		utilisationPeak,
		accuracy: forecastAccuracy(itemFigures, periods.length)
	};
}

function forecastAccuracy(items: readonly Figures[], months: number): Kpis['accuracy'] {
	let errors = 0;
	let count = 0;
	let over = 0;
	let actualTotal = 0;
	const monthsWithActuals = new Set<number>();
	for (const f of items) {
		for (let t = 0; t < months; t++) {
			const actual = f.actual[t];
			const forecast = f.forecast[t];
			if (Number.isNaN(actual) || Number.isNaN(forecast) || actual <= 0) continue;
			errors += Math.abs(forecast - actual) / actual;
			over += forecast - actual;
			actualTotal += actual;
			count++;
			monthsWithActuals.add(t);
		}
	}
	return count
		? { mape: errors / count, bias: over / actualTotal, months: monthsWithActuals.size }
		: null;
}
