import type { ChartSeries } from './chart-series.ts';
import type { ItemRef } from './grid-rows.ts';
import type { Figures, PlanFigures } from './plan-figures.ts';

export type Abc = 'A' | 'B' | 'C';
export type Xyz = 'X' | 'Y' | 'Z';

export interface ItemClass {
	abc: Abc;
	/** null for an item without demand, whose variability means nothing. */
	xyz: Xyz | null;
}

/** Shares of revenue the A and B classes take (C takes the rest): 80 / 15 / 5. */
export interface AbcCutoffs {
	a: number;
	b: number;
}
export const DEFAULT_ABC: AbcCutoffs = { a: 0.8, b: 0.15 };

/** Cut-offs from percentages as typed, or why they cannot be used. */
export function cutoffsFrom(aPercent: number, bPercent: number): AbcCutoffs | string {
	if (!Number.isFinite(aPercent) || !Number.isFinite(bPercent)) return 'Enter both shares in %.';
	if (aPercent <= 0 || aPercent > 100) return 'Class A needs a share above 0 % and up to 100 %.';
	if (bPercent < 0 || aPercent + bPercent > 100) {
		return 'Class B needs a share of 0 % or more, and A + B at most 100 %.';
	}
	return { a: aPercent / 100, b: bPercent / 100 };
}

/** Coefficients of variation up to which demand is steady (X) or variable (Y); above, erratic (Z). */
export const XYZ_LIMITS = { x: 0.5, y: 1 } as const;

export const CLASS_DEFINITIONS = {
	abc:
		'ABC: items ranked by revenue over the horizon (Pareto). A: the items that make up the first 80 % of revenue ' +
		'(the one crossing the line included), B: the next 15 %, C: the rest. The cut-offs are configurable.',
	xyz:
		'XYZ: variability of monthly consensus demand, as its coefficient of variation (standard deviation ÷ mean). ' +
		'X: up to 0.5 (steady), Y: up to 1 (variable), Z: above 1 (erratic); none without demand.'
} as const;

/** A class per item, from revenue ranked largest first; ties keep the items' order. */
export function abcClasses(
	revenue: readonly { id: string; value: number }[],
	cutoffs: AbcCutoffs = DEFAULT_ABC
): Map<string, Abc> {
	const ranked = revenue
		.map((r, i) => ({ ...r, i }))
		.sort((x, y) => y.value - x.value || x.i - y.i);
	const total = ranked.reduce((a, r) => a + Math.max(0, r.value), 0);
	const out = new Map<string, Abc>();
	let before = 0;
	for (const r of ranked) {
		const share = total > 0 ? before / total : 1;
		out.set(r.id, share < cutoffs.a ? 'A' : share < cutoffs.a + cutoffs.b ? 'B' : 'C');
		before += Math.max(0, r.value);
	}
	return out;
}

/** The XYZ class of a demand series (empty months count as no demand). */
export function xyzClass(demand: ArrayLike<number>): Xyz | null {
	const values = Array.from(demand, (v) => (Number.isNaN(v) ? 0 : v));
	const mean = values.reduce((a, v) => a + v, 0) / values.length;
	if (!(mean > 0)) return null;
	const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
	const cv = Math.sqrt(variance) / mean;
	return cv <= XYZ_LIMITS.x ? 'X' : cv <= XYZ_LIMITS.y ? 'Y' : 'Z';
}

/**
 * A figure of one item's figures, kept by figures object. An item's figures are replaced whenever
 * its cells change and never modified, so after an edit a whole-plan ranking re-reads one item's
 * months, not every item's.
 */
function byFigures<T>(compute: (f: Figures) => T): (f: Figures) => T {
	const cache = new WeakMap<Figures, T>();
	return (f) => {
		if (!cache.has(f)) cache.set(f, compute(f));
		return cache.get(f) as T;
	};
}

const revenueOf = byFigures((f) => f.revenue.reduce((a, v) => a + (Number.isNaN(v) ? 0 : v), 0));
const xyzOf = byFigures((f) => xyzClass(f.consensus));

/** Each item's revenue over the horizon. */
function horizonRevenue(figures: PlanFigures, items: readonly ItemRef[]) {
	return items.map((item) => ({
		id: item.id,
		label: item.sku,
		value: revenueOf(figures.itemSums(item.id))
	}));
}

/** Every item's ABC and XYZ class, from the figures the grid shows (a whole-plan pass). */
export function itemClasses(
	figures: PlanFigures,
	items: readonly ItemRef[],
	cutoffs: AbcCutoffs = DEFAULT_ABC
): Map<string, ItemClass> {
	const abc = abcClasses(horizonRevenue(figures, items), cutoffs);
	return new Map(
		items.map((item) => [
			item.id,
			{ abc: abc.get(item.id)!, xyz: xyzOf(figures.itemSums(item.id)) }
		])
	);
}

/** The Pareto chart: the `limit` items with most revenue, largest first, by SKU. */
export interface ParetoData {
	labels: string[];
	/** Revenue per item, and the cumulative share of all the items' revenue in percent. */
	series: [ChartSeries, ChartSeries];
}

export function paretoData(
	figures: PlanFigures,
	items: readonly ItemRef[],
	limit = 25
): ParetoData {
	const ranked = horizonRevenue(figures, items).sort((x, y) => y.value - x.value);
	const total = ranked.reduce((a, r) => a + Math.max(0, r.value), 0);
	let running = 0;
	const shown = ranked.slice(0, limit);
	const cumulative = shown.map((r) => {
		running += Math.max(0, r.value);
		return total > 0 ? Math.round((running / total) * 1000) / 10 : null;
	});
	return {
		labels: shown.map((r) => r.label),
		series: [
			{ label: 'Revenue', data: shown.map((r) => Math.round(r.value * 100) / 100 + 0) },
			{ label: 'Cumulative share of revenue (%)', data: cumulative }
		]
	};
}
