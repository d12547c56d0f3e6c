import { describe, expect, it } from 'vitest';
import { inputMeasure } from '../measures';
import { leverChanges, leverProblem, leverSummary, type Lever } from './levers';
import { overlayReader } from './overlay';
import { cellsOf, readerOf, rowOf, shape } from './test-plan';

const base = cellsOf({
	a: {
		consensus: [10, 20, 30, 40, 50, 60],
		price: [10, 10, 10, 10, 10, 10],
		marketing: [-10, 6],
		opening: [100]
	},
	b: { consensus: [1, 2, 3, 4, 5, undefined], price: [19.99, 19.99, 19.99, 19.99, 19.99, 19.99] },
	c: { consensus: [100, 100, 100, 100, 100, 100], price: [2.5, 2.5, 2.5, 2.5, 2.5, 2.5] },
	f1: { capacity: [500, 500, 500, 500, 500, 500] },
	f2: { capacity: [200, 200, 200, 200, 200, 200] }
});

function lever(over: Partial<Lever>): Lever {
	return {
		id: 'L1',
		kind: 'percent',
		measure: 'consensus',
		scope: {},
		from: '2027-01',
		to: '2027-06',
		amount: 10,
		author: 'u1',
		note: '',
		...over
	};
}

const changesOf = (l: Lever, reader = readerOf(base)) =>
	Object.fromEntries(leverChanges(l, shape, reader).map((c) => [c.key, c.value]));

describe('percent levers', () => {
	it('scale each item of a family over the months, rounded to whole units, empty cells left empty', () => {
		const l = lever({ scope: { familyId: 'f1' }, from: '2027-04', to: '2027-06', amount: 20 });
		expect(changesOf(l)).toEqual({
			'a:2027-04:consensus': 48,
			'a:2027-05:consensus': 60,
			'a:2027-06:consensus': 72,
			'b:2027-04:consensus': 5,
			'b:2027-05:consensus': 6
		});
	});

	it('raise prices of the whole plan from a month to the last, keeping cents', () => {
		const l = lever({ measure: 'price', from: '2027-05', to: '2027-06', amount: 3 });
		expect(changesOf(l)).toEqual({
			'a:2027-05:price': 10.3,
			'a:2027-06:price': 10.3,
			'b:2027-05:price': 20.59,
			'b:2027-06:price': 20.59,
			'c:2027-05:price': 2.58,
			'c:2027-06:price': 2.58
		});
	});

	it('scale a measure that may be negative on both sides of zero', () => {
		const l = lever({ measure: 'marketing', scope: { itemId: 'a' }, amount: -50 });
		expect(changesOf(l)).toEqual({ 'a:2027-01:marketing': -5, 'a:2027-02:marketing': 3 });
	});

	it('list no cell the rounding leaves as it was', () => {
		const l = lever({ scope: { itemId: 'b' }, from: '2027-01', to: '2027-01', amount: 10 });
		expect(changesOf(l)).toEqual({});
	});
});

describe('factor levers', () => {
	it('multiply one family’s capacity in one month', () => {
		const l = lever({
			kind: 'factor',
			measure: 'capacity',
			scope: { familyId: 'f1' },
			from: '2027-03',
			to: '2027-03',
			amount: 0.8
		});
		expect(changesOf(l)).toEqual({ 'f1:2027-03:capacity': 400 });
	});
});

describe('units levers', () => {
	it('add to one item in every month of the range, filling an empty month', () => {
		expect(
			changesOf(lever({ kind: 'units', scope: { itemId: 'b' }, from: '2027-05', amount: 5 }))
		).toEqual({ 'b:2027-05:consensus': 10, 'b:2027-06:consensus': 5 });
	});

	it('add to a family total, spread over its items in proportion so the total moves exactly', () => {
		const l = lever({ kind: 'units', scope: { familyId: 'f1' }, to: '2027-02', amount: 11 });
		expect(changesOf(l)).toEqual({
			'a:2027-01:consensus': 20,
			'b:2027-01:consensus': 2,
			'a:2027-02:consensus': 30,
			'b:2027-02:consensus': 3
		});
	});

	it('leave an empty item empty when its share of a family’s units is nothing', () => {
		const l = lever({ kind: 'units', scope: { familyId: 'f1' }, from: '2027-06', amount: 10 });
		expect(changesOf(l)).toEqual({ 'a:2027-06:consensus': 70 });
	});

	it('spread whole-plan capacity over the families, adding up to the new total', () => {
		const l = lever({ kind: 'units', measure: 'capacity', to: '2027-01', amount: 100 });
		expect(changesOf(l)).toEqual({ 'f1:2027-01:capacity': 571, 'f2:2027-01:capacity': 229 });
	});

	it('spread over every item of the plan, landing where the rounding puts them', () => {
		// 111 + 3 = 114 in proportion to 10, 1 and 100: 10.3, 1.03 and 102.7, rounded to add up.
		const l = lever({ kind: 'units', to: '2027-01', amount: 3 });
		expect(changesOf(l)).toEqual({ 'c:2027-01:consensus': 103 });
	});

	it('take cents on a price', () => {
		const l = lever({
			kind: 'units',
			measure: 'price',
			scope: { itemId: 'b' },
			to: '2027-01',
			amount: 0.05
		});
		expect(changesOf(l)).toEqual({ 'b:2027-01:price': 20.04 });
	});

	it('stop a quantity at zero', () => {
		const l = lever({ kind: 'units', scope: { itemId: 'b' }, to: '2027-02', amount: -10 });
		expect(changesOf(l)).toEqual({ 'b:2027-01:consensus': 0, 'b:2027-02:consensus': 0 });
	});

	it('set opening inventory in the first month', () => {
		const l = lever({
			kind: 'units',
			measure: 'opening',
			scope: { itemId: 'a' },
			to: '2027-01',
			amount: 20
		});
		expect(changesOf(l)).toEqual({ 'a:2027-01:opening': 120 });
	});
});

describe('composing levers', () => {
	it('reads the values earlier levers wrote', () => {
		const first = lever({ scope: { itemId: 'a' }, to: '2027-01', amount: 10 });
		const changes = new Map(
			leverChanges(first, shape, readerOf(base)).map((c) => [c.key, c.value])
		);
		const second = lever({ kind: 'units', scope: { itemId: 'a' }, to: '2027-01', amount: 5 });
		const current = overlayReader(readerOf(base), changes, shape.periods);
		expect(leverChanges(second, shape, current)).toEqual([
			{ key: 'a:2027-01:consensus', value: 16, was: 11 }
		]);
		expect(rowOf(current, 'a', inputMeasure('consensus')!)[0]).toBe(11);
	});

	it('refuses to compute a lever that has a problem', () => {
		expect(() => leverChanges(lever({ amount: -100 }), shape, readerOf(base))).toThrow(
			'Consensus demand cannot fall by 100 % or more (-100 %)'
		);
	});
});

describe('leverProblem', () => {
	const problems: [string, Partial<Lever>, string][] = [
		['an unknown measure', { measure: 'nonsense' }, 'There is no measure "nonsense"'],
		[
			'a computed measure',
			{ measure: 'inventory' },
			'Projected inventory is computed from other measures; put the lever on one of those'
		],
		[
			'an imported measure',
			{ measure: 'baseline' },
			'Statistical baseline is an imported input; a lever cannot change it'
		],
		['an unknown kind', { kind: 'double' as Lever['kind'] }, '"double" is not a kind of lever'],
		['a non-number', { amount: NaN }, 'The amount must be a number'],
		['an infinite amount', { amount: Infinity }, 'The amount must be a number'],
		[
			'−100 % of a quantity',
			{ amount: -100 },
			'Consensus demand cannot fall by 100 % or more (-100 %)'
		],
		[
			'−150 % of a quantity',
			{ amount: -150 },
			'Consensus demand cannot fall by 100 % or more (-150 %)'
		],
		[
			'a factor of zero on a quantity',
			{ kind: 'factor', measure: 'capacity', amount: 0 },
			'Capacity can only be multiplied by a number above zero, not 0'
		],
		[
			'a negative factor on a quantity',
			{ kind: 'factor', amount: -2 },
			'Consensus demand can only be multiplied by a number above zero, not -2'
		],
		[
			'a fraction of a unit',
			{ kind: 'units', amount: 2.5 },
			'Consensus demand takes whole numbers, not 2.5'
		],
		[
			'a fraction of a cent',
			{ kind: 'units', measure: 'price', amount: 0.125 },
			'Price takes at most 2 decimals, not 0.125'
		],
		['+0 %', { amount: 0 }, 'A lever of 0 % changes nothing'],
		[
			'a percent beyond any plan',
			{ amount: 20_000 },
			'A percent lever goes up to 10,000; 20000 is beyond any plan'
		],
		[
			'a factor beyond any plan',
			{ kind: 'factor', amount: 1e6 },
			'A factor lever goes up to 1,000; 1000000 is beyond any plan'
		],
		['0 units', { kind: 'units', amount: 0 }, 'A lever of 0 units changes nothing'],
		['× 1', { kind: 'factor', amount: 1 }, 'A lever of × 1 changes nothing'],
		['an unknown family', { scope: { familyId: 'zz' } }, 'This plan has no family "zz"'],
		['an unknown item', { scope: { itemId: 'zz' } }, 'This plan has no item "zz"'],
		[
			'an item outside the family',
			{ scope: { familyId: 'f1', itemId: 'c' } },
			'Item C-1 is not in family Bikes'
		],
		[
			'capacity of one item',
			{ measure: 'capacity', scope: { itemId: 'a' } },
			'Capacity is kept per family: choose a family or the whole plan, not an item'
		],
		['no first month', { from: '' }, 'Choose the first and last month of the lever'],
		['no last month', { to: '' }, 'Choose the first and last month of the lever'],
		['a month that is not one', { to: '2027-13' }, '"2027-13" is not a month (YYYY-MM)'],
		[
			'an inverted range',
			{ from: '2027-04', to: '2027-02' },
			'The range ends (2027-02) before it starts (2027-04)'
		],
		[
			'a month past the horizon',
			{ to: '2027-09' },
			'2027-09 is not a month of this plan (2027-01 to 2027-06)'
		],
		[
			'a month before the horizon',
			{ from: '2026-12' },
			'2026-12 is not a month of this plan (2027-01 to 2027-06)'
		],
		[
			'opening inventory past the first month',
			{ measure: 'opening', to: '2027-02' },
			"Opening inventory is set in the first month only: the lever's range must be 2027-01 alone"
		]
	];
	it.each(problems)('refuses %s', (_, over, message) => {
		expect(leverProblem(lever(over), shape)).toBe(message);
	});

	it.each([
		['+20 % demand of a family', { scope: { familyId: 'f1' }, amount: 20 }],
		['an item named with its family', { scope: { familyId: 'f1', itemId: 'a' } }],
		['−150 % on a measure that may be negative', { measure: 'marketing', amount: -150 }],
		['cents of a price', { kind: 'units', measure: 'price', amount: 0.07 }],
		[
			'capacity × 0.8 of a family',
			{ kind: 'factor', measure: 'capacity', scope: { familyId: 'f2' }, amount: 0.8 }
		],
		['opening inventory in the first month', { measure: 'opening', to: '2027-01' }]
	] as [string, Partial<Lever>][])('accepts %s', (_, over) => {
		expect(leverProblem(lever(over), shape)).toBeNull();
	});
});

describe('leverSummary', () => {
	const base = {
		id: 'l1',
		measure: 'consensus',
		scope: {},
		from: '2027-04',
		to: '2027-06',
		author: 'u1',
		note: ''
	} as const;
	const names = { f1: 'Bikes', i1: 'B-1 Road bike' };

	it('says the amount, measure, scope and months in one line', () => {
		expect(
			leverSummary({ ...base, kind: 'percent', amount: 20, scope: { familyId: 'f1' } }, names)
		).toBe('+20 % Consensus demand · Bikes · Apr 27 – Jun 27');
		expect(
			leverSummary(
				{
					...base,
					kind: 'units',
					amount: -50,
					scope: { familyId: 'f1', itemId: 'i1' },
					to: '2027-04'
				},
				names
			)
		).toBe('-50 units Consensus demand · B-1 Road bike · Apr 27');
		expect(leverSummary({ ...base, kind: 'factor', amount: 0.8, measure: 'capacity' }, names)).toBe(
			'× 0.8 Capacity · whole plan · Apr 27 – Jun 27'
		);
	});

	it('names a scope the plan no longer has as removed', () => {
		expect(
			leverSummary({ ...base, kind: 'percent', amount: 5, scope: { familyId: 'gone' } }, names)
		).toBe('+5 % Consensus demand · a removed family · Apr 27 – Jun 27');
	});
});
