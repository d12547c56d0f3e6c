import { describe, expect, it } from 'vitest';
import { cellFlag } from './cell-flags';
import { cellKey, type InputMeasure } from './measures';
import { PlanFigures } from './plan-figures';

const periods = ['2026-12', '2027-01'];
const families = [
	{ id: 'f', name: 'Bikes' },
	{ id: 'g', name: 'Parts' }
];
const items = [
	{ id: 'a', family_id: 'f', sku: 'A', name: 'A' },
	{ id: 'b', family_id: 'f', sku: 'B', name: 'B' },
	{ id: 'c', family_id: 'g', sku: 'C', name: 'C' }
];
const cells: Record<string, number> = {
	[cellKey('a', '2026-12', 'opening')]: 0,
	[cellKey('a', '2026-12', 'consensus')]: 25,
	[cellKey('a', '2026-12', 'forecast')]: 20,
	[cellKey('a', '2026-12', 'marketing')]: 2,
	[cellKey('b', '2026-12', 'opening')]: 90,
	[cellKey('f', '2026-12', 'capacity')]: 0,
	[cellKey('a', '2026-12', 'production')]: 0,
	[cellKey('b', '2026-12', 'production')]: 50,
	[cellKey('c', '2026-12', 'production')]: 10
};
const figures = new PlanFigures({ families, items, periods }, (m: InputMeasure, owner: string) =>
	periods.map((p) => cells[cellKey(owner, p, m.id)] ?? NaN)
);
const family = { kind: 'family', family: families[0], itemCount: 2 } as const;
const flag = (scope: Parameters<typeof cellFlag>[1], measure: string, t = 0) =>
	cellFlag(figures, scope, figures.of(scope), measure, t);

describe('cellFlag', () => {
	it('marks a family and the plan red when one item is short, and says how many', () => {
		// −25 and +140: the family holds 115.
		expect(figures.family('f').inventory[0]).toBe(115);
		expect(flag(family, 'inventory')).toEqual({ cls: 'flag-bad', note: '1 item short' });
		expect(flag({ kind: 'total' }, 'inventory')).toEqual({ cls: 'flag-bad', note: '1 item short' });
		expect(flag({ kind: 'item', item: items[0] }, 'inventory')).toEqual({
			cls: 'flag-bad',
			note: 'Stock-out'
		});
		expect(flag({ kind: 'item', item: items[1] }, 'inventory')).toEqual({ cls: '', note: '' });
	});

	it('marks production against zero capacity, and names families the plan total leaves out', () => {
		expect(flag(family, 'utilisation')).toEqual({
			cls: 'flag-bad',
			note: 'Production against zero capacity'
		});
		expect(flag({ kind: 'total' }, 'utilisation').note).toBe(
			'Production against zero capacity. Leaves out (no capacity): Parts'
		);
	});

	it('marks consensus that is not forecast + marketing, as a warning', () => {
		expect(flag({ kind: 'item', item: items[0] }, 'consensus')).toEqual({
			cls: 'flag-warn',
			note: 'Differs from sales forecast + marketing adjustment (22)'
		});
		expect(flag(family, 'consensus').note).toBe(
			'1 item’s consensus differs from sales forecast + marketing adjustment'
		);
		expect(flag(family, 'consensus', 1)).toEqual({ cls: '', note: '' });
	});
});
