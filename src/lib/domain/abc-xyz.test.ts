import { describe, expect, it } from 'vitest';
import { abcClasses, cutoffsFrom, itemClasses, paretoData, xyzClass } from './abc-xyz';
import { cellKey, type InputMeasure } from './measures';
import { PlanFigures } from './plan-figures';

const revenue = (values: number[]) => values.map((value, i) => ({ id: `i${i}`, value }));

describe('ABC classes', () => {
	it('ranks by revenue: the first 80 % is A, the next 15 % B, the rest C', () => {
		// 50 + 25 = 75 % before the third: it crosses 80 % and is A; 85 and 91 % before the next two
		// (B); 96 % before the last (C).
		const classes = abcClasses(revenue([10, 50, 25, 5, 6, 4]));
		expect(Object.fromEntries(classes)).toEqual({
			i1: 'A',
			i2: 'A',
			i0: 'A',
			i4: 'B',
			i3: 'B',
			i5: 'C'
		});
	});

	it('takes other cut-offs', () => {
		const classes = abcClasses(revenue([50, 30, 20]), { a: 0.5, b: 0.3 });
		expect([...classes.values()]).toEqual(['A', 'B', 'C']);
	});

	it('reads cut-offs typed in percent, refusing ones that do not add up', () => {
		expect(cutoffsFrom(70, 20)).toEqual({ a: 0.7, b: 0.2 });
		expect(cutoffsFrom(0, 20)).toMatch(/Class A/);
		expect(cutoffsFrom(90, 20)).toMatch(/A \+ B at most 100/);
		expect(cutoffsFrom(NaN, 20)).toMatch(/Enter both/);
	});

	it('puts everything in C when there is no revenue', () => {
		expect([...abcClasses(revenue([0, 0])).values()]).toEqual(['C', 'C']);
	});
});

describe('XYZ classes', () => {
	it('classes demand by its coefficient of variation', () => {
		expect(xyzClass([100, 100, 100])).toBe('X');
		// mean 100, sd 81.6: variable.
		expect(xyzClass([0, 100, 200])).toBe('Y');
		// one month in four: erratic.
		expect(xyzClass([400, 0, NaN, 0])).toBe('Z');
		expect(xyzClass([0, NaN])).toBeNull();
	});
});

describe('paretoData', () => {
	it('ranks items by revenue with their cumulative share of all revenue', () => {
		const items = ['a', 'b', 'c'].map((id) => ({
			id,
			family_id: 'f',
			sku: id.toUpperCase(),
			name: id
		}));
		const revenue: Record<string, number[]> = { a: [10, 15], b: [50, 25], c: [0, 0] };
		const figures = {
			itemSums: (id: string) => ({ revenue: [...revenue[id]] })
		} as unknown as PlanFigures;
		const p = paretoData(figures, items, 2);
		expect(p.labels).toEqual(['B', 'A']);
		expect(p.series[0].data).toEqual([75, 25]);
		expect(p.series[1].data).toEqual([75, 100]);
	});
});

describe('itemClasses', () => {
	const periods = ['2027-01', '2027-02'];
	const items = ['a', 'b'].map((id) => ({ id, family_id: 'f', sku: id, name: id }));
	const cells: Record<string, number> = {};
	const figures = new PlanFigures(
		{ families: [{ id: 'f', name: 'F' }], items, periods },
		(m: InputMeasure, owner: string) => periods.map((p) => cells[cellKey(owner, p, m.id)] ?? NaN)
	);
	const type = (owner: string, measure: string, values: number[]) => {
		values.forEach((v, t) => (cells[cellKey(owner, periods[t], measure)] = v));
		figures.invalidate([owner]);
	};

	it('follows an edit of one item, ranking it against the others as they stand', () => {
		type('a', 'price', [10, 10]);
		type('b', 'price', [10, 10]);
		type('a', 'consensus', [90, 90]);
		type('b', 'consensus', [10, 10]);
		expect(Object.fromEntries(itemClasses(figures, items))).toEqual({
			a: { abc: 'A', xyz: 'X' },
			b: { abc: 'B', xyz: 'X' }
		});
		// b now sells far more, in one month of two: it leads, and its demand is variable.
		type('b', 'consensus', [0, 1000]);
		expect(Object.fromEntries(itemClasses(figures, items))).toEqual({
			a: { abc: 'B', xyz: 'X' },
			b: { abc: 'A', xyz: 'Y' }
		});
	});
});
