import type { FamilyRef, RowScope } from './grid-rows.ts';
import type { Figures, Series } from './plan-figures.ts';

/** One line or bar series of a chart: values per month, null where there is no value. */
export interface ChartSeries {
	label: string;
	data: (number | null)[];
}

export interface ChartsData {
	/** Demand against supply and capacity, units. */
	balance: ChartSeries[];
	/** Projected inventory against its safety stock, units, with the months that need attention. */
	inventory: ChartSeries[];
	stockoutMonths: number[];
	belowSafetyMonths: number[];
	/** Per month, how many items are short (a family or plan can hold stock while an item is out). */
	itemsShort: number[];
	/** Revenue and margin against budget, currency. */
	finance: ChartSeries[];
}

// Rounded to cents, + 0 so a −0.001 does not come out as −0 in a tooltip.
const values = (s: Series | undefined): (number | null)[] =>
	s ? Array.from(s, (v) => (Number.isNaN(v) ? null : Math.round(v * 100) / 100 + 0)) : [];

/** The charts' series for one scope (plan, family or item), from the figures the grid shows. */
export function chartsData(f: Figures): ChartsData {
	const supply = f.production.map(
		(p, t) => (Number.isNaN(p) ? 0 : p) + (Number.isNaN(f.receipts[t]) ? 0 : f.receipts[t])
	);
	const stockoutMonths: number[] = [];
	const belowSafetyMonths: number[] = [];
	f.inventory.forEach((inventory, t) => {
		// A family or the plan is short in a month when any of its items is.
		if (inventory < 0 || f.itemsShort[t] > 0) stockoutMonths.push(t);
		else if (inventory < f.safety[t]) belowSafetyMonths.push(t);
	});
	return {
		balance: [
			{ label: 'Consensus demand', data: values(f.consensus) },
			{ label: 'Sales forecast', data: values(f.forecast) },
			{ label: 'Statistical baseline', data: values(f.baseline) },
			{ label: 'Supply (production + receipts)', data: values(supply) },
			{ label: 'Capacity', data: values(f.capacity) }
		],
		inventory: [
			{ label: 'Projected inventory', data: values(f.inventory) },
			{ label: 'Safety-stock target', data: values(f.safety) }
		],
		stockoutMonths,
		belowSafetyMonths,
		itemsShort: Array.from(f.itemsShort, (v) => (Number.isNaN(v) ? 0 : v)),
		finance: [
			{ label: 'Revenue', data: values(f.revenue) },
			{ label: 'Budget revenue', data: values(f.budget) },
			{ label: 'Gross margin', data: values(f.margin) }
		]
	};
}

/**
 * What the charts show: the row last selected, within the grid's family filter. Under a filter the
 * plan total is out of view, so the charts show the filtered family instead, and a selection from
 * another family gives way to it too.
 */
export function chartScopeWithin(
	selected: RowScope,
	filter: { family: FamilyRef; itemCount: number } | null
): RowScope {
	if (!filter) return selected;
	const familyId = filter.family.id;
	if (selected.kind === 'family' && selected.family.id === familyId) return selected;
	if (selected.kind === 'item' && selected.item.family_id === familyId) return selected;
	return { kind: 'family', ...filter };
}

/** A chart tooltip's note on a month with items short: '2 items short', or ''. */
export function shortNote(count: number): string {
	return count > 0 ? `${count} ${count === 1 ? 'item' : 'items'} short` : '';
}

/** The charts' title for a scope: 'Whole plan', the family's name, or the item's SKU and name. */
export function scopeTitle(scope: RowScope): string {
	if (scope.kind === 'total') return 'Whole plan';
	if (scope.kind === 'family') return scope.family.name;
	return `${scope.item.sku} ${scope.item.name}`;
}
