import { addError, emptySums, errorScores } from './forecast/error-sums.ts';
import type { FamilyRef, ItemRef } from './grid-rows.ts';
import { daysInMonth, type Figures, type PlanFigures, type Series } from './plan-figures.ts';

export interface Kpis {
	demand: number;
	supplyGap: number;
	stockoutMonths: number;
	/** Fill rate; null without demand. */
	fillRate: number | null;
	revenueAtRisk: number;
	inventoryValue: number;
	/** Inventory turns a year; null without inventory value. */
	turns: number | null;
	/** Days of supply over the horizon; null without demand. */
	daysOfSupply: number | null;
	excessValue: number;
	/** Items holding stock (or excess stock) in a month without a unit cost: valued at nothing. */
	itemsWithoutCost: number;
	revenue: number;
	budget: number;
	revenueVsBudget: number | null;
	marginPct: number | null;
	/** The busiest family-month, or null where no family has capacity. */
	utilisationPeak: { value: number; family: string; period: string } | null;
	/** Families with no capacity in any month: left out of utilisation. */
	familiesWithoutCapacity: string[];
	accuracy: {
		wape: number | null;
		mape: number | null;
		bias: number | null;
		months: number;
	} | null;
}

/**
 * What each KPI means, as the KPI strip's tooltips and the README say it; computed below in
 * `computeKpis` and `forecastAccuracy`.
 */
export const KPI_DEFINITIONS = {
	demand: 'Consensus demand summed over every item and month of the horizon, in units.',
	gap: 'Production + purchase receipts − consensus demand over the horizon; negative is short.',
	stockout: 'Months in which at least one item’s projected inventory is below zero.',
	fillRate:
		'Share of consensus demand served from stock in the month it is asked for: 1 − unserved ÷ demand. ' +
		'An item-month’s unserved demand is the smaller of its demand and its shortfall (−projected inventory), ' +
		'backorders being served first.',
	revenueAtRisk: 'Unserved demand (as in fill rate) × price, summed over stock-out months.',
	inventoryValue:
		'Projected inventory above zero × unit cost, summed over items, averaged over the months.',
	turns:
		'Cost of goods sold (consensus demand × unit cost) a year ÷ inventory value: how often the stock turns over.',
	daysOfSupply:
		'Average projected inventory above zero ÷ average daily consensus demand (months counted by their days).',
	excess:
		'Projected inventory above its safety-stock target × unit cost, averaged over the months. ' +
		'Items without a unit cost add nothing and are counted.',
	revenue: 'Revenue (consensus demand × price) ÷ budget revenue − 1, over the horizon.',
	margin: 'Gross margin ÷ revenue over the horizon.',
	utilisation:
		'The highest family-month of production ÷ capacity; production against zero capacity is over capacity. ' +
		'Families without capacity are named and left out.',
	accuracy:
		'Sales forecast against actual sales over every item-month with actuals (zero actuals included). ' +
		'WAPE = Σ|forecast − actual| ÷ Σ actual; bias = Σ(forecast − actual) ÷ Σ actual (positive: forecasts run high); ' +
		'MAPE = mean of |forecast − actual| ÷ actual over item-months with actuals above zero.'
} as const;

const sum = (s: Series) => s.reduce((a, v) => (Number.isNaN(v) ? a : a + v), 0);
const n = (v: number) => (Number.isNaN(v) ? 0 : v);

/** The plan's headline numbers for the KPI strip, from the same figures the grid shows. */
export function computeKpis(
	figures: PlanFigures,
	families: readonly FamilyRef[],
	items: readonly ItemRef[],
	periods: readonly string[]
): Kpis {
	const total = figures.total();
	const itemFigures = items.map((i) => figures.itemSums(i.id));
	const P = periods.length;

	let stockoutMonths = 0;
	let excess = 0;
	let stockValue = 0;
	let stockUnits = 0;
	let cogs = 0;
	let unserved = 0;
	let revenueAtRisk = 0;
	const uncosted = new Set<number>();
	for (let t = 0; t < P; t++) {
		let stockout = false;
		itemFigures.forEach((f, i) => {
			const inventory = f.inventory[t];
			const demand = n(f.consensus[t]);
			const cost = f.cost[t];
			const onHand = Math.max(0, inventory);
			if (inventory < 0) {
				stockout = true;
				const short = Math.min(demand, -inventory);
				unserved += short;
				revenueAtRisk += short * n(f.price[t]);
			}
			if (onHand > 0 && Number.isNaN(cost)) uncosted.add(i);
			excess += Math.max(0, inventory - n(f.safety[t])) * n(cost);
			stockValue += onHand * n(cost);
			stockUnits += onHand;
			cogs += demand * n(cost);
		});
		if (stockout) stockoutMonths++;
	}

	let utilisationPeak: Kpis['utilisationPeak'] = null;
	const familiesWithoutCapacity: string[] = [];
	for (const family of families) {
		const f = figures.family(family.id);
		if (f.capacity.every(Number.isNaN)) familiesWithoutCapacity.push(family.name);
		f.utilisation.forEach((value, t) => {
			if (!Number.isNaN(value) && (!utilisationPeak || value > utilisationPeak.value)) {
				utilisationPeak = { value, family: family.name, period: periods[t] };
			}
		});
	}

	const demand = sum(total.consensus);
	const days = periods.reduce((a, p) => a + daysInMonth(p), 0);
	const inventoryValue = P ? stockValue / P : 0;
	const revenue = sum(total.revenue);
	const budget = sum(total.budget);
	return {
		demand,
		supplyGap: sum(total.gap),
		stockoutMonths,
		fillRate: demand > 0 ? 1 - unserved / demand : null,
		revenueAtRisk,
		inventoryValue,
		turns: inventoryValue > 0 ? (cogs * 12) / P / inventoryValue : null,
		daysOfSupply: demand > 0 ? stockUnits / P / (demand / days) : null,
		excessValue: P ? excess / P : 0,
		itemsWithoutCost: uncosted.size,
		revenue,
		budget,
		revenueVsBudget: budget ? revenue / budget - 1 : null,
		marginPct: revenue ? sum(total.margin) / revenue : null,
		utilisationPeak,
		familiesWithoutCapacity,
		accuracy: forecastAccuracy(itemFigures, P)
	};
}

/** See KPI_DEFINITIONS.accuracy: a forecast of 40 against actuals of 0 is over-forecasting. */
function forecastAccuracy(items: readonly Figures[], months: number): Kpis['accuracy'] {
	const sums = emptySums();
	const monthsWithActuals = new Set<number>();
	for (const f of items) {
		for (let t = 0; t < months; t++) {
			const actual = f.actual[t];
			const forecast = f.forecast[t];
			if (Number.isNaN(actual) || Number.isNaN(forecast)) continue;
			addError(sums, forecast, actual);
			monthsWithActuals.add(t);
		}
	}
	if (!monthsWithActuals.size) return null;
	return { ...errorScores(sums), months: monthsWithActuals.size };
}
