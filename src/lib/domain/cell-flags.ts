import { DEFAULT_NUMBER_LOCALE, formatValue } from './format.ts';
import type { RowScope } from './grid-rows.ts';
import type { Figures, PlanFigures } from './plan-figures.ts';

/** How a grid cell is marked and what its tooltip says about it. */
export interface CellFlag {
	cls: '' | 'flag-bad' | 'flag-warn';
	note: string;
}

const NONE: CellFlag = { cls: '', note: '' };
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The mark of one cell: projected inventory red when short (on a family or plan row, when any of
 * its items is, with how many) and amber below safety stock; utilisation red over capacity;
 * consensus amber where it is not sales forecast + marketing adjustment. A note's figures are
 * written in the reader's `locale`.
 */
export function cellFlag(
	figures: PlanFigures,
	scope: RowScope,
	f: Figures,
	measureId: string,
	t: number,
	locale = DEFAULT_NUMBER_LOCALE
): CellFlag {
	if (measureId !== 'inventory' && measureId !== 'utilisation' && measureId !== 'consensus') {
		return NONE;
	}
	const flags = figures.flags(f, t);
	const items = scope.kind === 'item' ? 0 : f.itemsShort[t] || 0;
	if (measureId === 'inventory') {
		if (flags.includes('stockout')) {
			return {
				cls: 'flag-bad',
				note: scope.kind === 'item' ? 'Stock-out' : `${plural(items, 'item', 'items')} short`
			};
		}
		return flags.includes('below-safety') ? { cls: 'flag-warn', note: 'Below safety stock' } : NONE;
	}
	if (measureId === 'utilisation') {
		const missing = scope.kind === 'total' ? figures.withoutCapacity(t).map((x) => x.name) : [];
		const left = missing.length ? `Leaves out (no capacity): ${missing.join(', ')}` : '';
		if (!flags.includes('over-capacity')) return { cls: '', note: left };
		const over = f.capacity[t] === 0 ? 'Production against zero capacity' : 'Over capacity';
		return { cls: 'flag-bad', note: [over, left].filter(Boolean).join('. ') };
	}
	if (!flags.includes('consensus-mismatch')) return NONE;
	if (scope.kind !== 'item') {
		const n = f.itemsMismatch[t];
		return {
			cls: 'flag-warn',
			note: `${plural(n, 'item’s', 'items’')} consensus differs from sales forecast + marketing adjustment`
		};
	}
	const expected = f.forecast[t] + (Number.isNaN(f.marketing[t]) ? 0 : f.marketing[t]);
	return {
		cls: 'flag-warn',
		note: `Differs from sales forecast + marketing adjustment (${formatValue(expected, 'units', locale)})`
	};
}
