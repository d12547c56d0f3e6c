import { describe, expect, it } from 'vitest';
import { chartsData, shortNote } from './chart-series';
import { computeKpis } from './kpis';
import { cellKey, type InputMeasure } from './measures';
import { PlanFigures } from './plan-figures';

const periods = ['2027-01', '2027-02'];
const families = [{ id: 'f', name: 'Bikes' }];
const items = [
	{ id: 'a', family_id: 'f', sku: 'A', name: 'A' },
	{ id: 'b', family_id: 'f', sku: 'B', name: 'B' }
];

function figures(cells: Record<string, number>) {
	return new PlanFigures({ families, items, periods }, (m: InputMeasure, owner: string) =>
		periods.map((p) => cells[cellKey(owner, p, m.id)] ?? NaN)
	);
}

const set = (owner: string, measure: string, values: number[]) =>
	Object.fromEntries(values.map((v, t) => [cellKey(owner, periods[t], measure), v]));

const plan = figures({
	...set('a', 'consensus', [10, 10]),
	...set('a', 'production', [5, 5]),
	...set('a', 'opening', [8]),
	...set('a', 'safety', [2, 2]),
	...set('a', 'cost', [3, 3]),
	...set('a', 'price', [10, 10]),
	...set('a', 'forecast', [12, 9]),
	...set('a', 'actual', [10, 10]),
	...set('b', 'consensus', [1, 1]),
	...set('b', 'production', [4, 4]),
	...set('b', 'safety', [1, 1]),
	...set('b', 'cost', [1, 1]),
	...set('b', 'price', [5, 5]),
	...set('b', 'budget', [100, 100]),
	...set('f', 'capacity', [8, 10])
});

describe('computeKpis', () => {
	const k = computeKpis(plan, families, items, periods);

	it('totals demand and the supply gap', () => {
		expect(k.demand).toBe(22);
		// supply (5 + 5) + (4 + 4) = 18 against demand 22
		expect(k.supplyGap).toBe(-4);
	});

	it('counts months with any stock-out and values excess inventory at cost', () => {
		// a: 8 + 5 − 10 = 3, then −2 (stock-out in month 2); b: 3, 6.
		expect(k.stockoutMonths).toBe(1);
		// month 1: a (3 − 2) × 3 + b (3 − 1) × 1 = 5; month 2: a 0 + b (6 − 1) × 1 = 5 → mean 5
		expect(k.excessValue).toBe(5);
	});

	it('compares revenue with budget and computes margin %', () => {
		expect(k.revenue).toBe(210);
		expect(k.budget).toBe(200);
		expect(k.revenueVsBudget).toBeCloseTo(0.05);
		// margin: a (10 − 3) × 10 × 2 = 140, b (5 − 1) × 1 × 2 = 8
		expect(k.marginPct).toBeCloseTo(148 / 210);
	});

	it('finds the busiest family-month', () => {
		expect(k.utilisationPeak).toEqual({ value: 9 / 8, family: 'Bikes', period: '2027-01' });
	});

	it('measures forecast accuracy against actuals', () => {
		// |12 − 10| / 10 = 0.2, |9 − 10| / 10 = 0.1 → MAPE 0.15; bias (2 − 1) / 20; WAPE 3 / 20
		expect(k.accuracy?.mape).toBeCloseTo(0.15);
		expect(k.accuracy?.wape).toBeCloseTo(0.15);
		expect(k.accuracy?.bias).toBeCloseTo(0.05);
		expect(k.accuracy?.months).toBe(2);
	});

	it('counts a forecast against zero actual sales as over-forecasting', () => {
		const acc = computeKpis(
			figures({
				...set('a', 'forecast', [40, 10]),
				...set('a', 'actual', [0, 20])
			}),
			families,
			items,
			periods
		).accuracy;
		// Σ(F − A) = 40 − 10 = 30 over Σ A = 20: forecasts run high (it was −50 %).
		expect(acc?.bias).toBeCloseTo(1.5);
		expect(acc?.wape).toBeCloseTo(50 / 20);
		// MAPE cannot divide by a zero actual: only February counts.
		expect(acc?.mape).toBeCloseTo(0.5);
		expect(acc?.months).toBe(2);
	});

	it('counts months whose actuals are all zero as months of actuals', () => {
		const acc = computeKpis(
			figures({ ...set('a', 'forecast', [40, 0]), ...set('a', 'actual', [0, 0]) }),
			families,
			items,
			periods
		).accuracy;
		expect(acc).toEqual({ wape: null, mape: null, bias: null, months: 2 });
	});

	it('serves demand from stock: fill rate, revenue at risk, inventory value, turns, days of supply', () => {
		// a is 2 short in February: 2 of its 10 units unserved, at a price of 10.
		expect(k.fillRate).toBeCloseTo(1 - 2 / 22);
		expect(k.revenueAtRisk).toBe(20);
		// January a 3 × 3 + b 3 × 1 = 12; February b 6 × 1 = 6 → 9 a month.
		expect(k.inventoryValue).toBe(9);
		// cost of goods 62 over two months is 372 a year, over 9 of stock.
		expect(k.turns).toBeCloseTo(372 / 9);
		// 6 units on hand on average against 22 units over 31 + 28 days.
		expect(k.daysOfSupply).toBeCloseTo(6 / (22 / 59));
	});

	it('says how many items hold stock without a unit cost', () => {
		const uncosted = computeKpis(
			figures({
				...set('a', 'opening', [50]),
				...set('b', 'opening', [5]),
				...set('b', 'cost', [2, 2])
			}),
			families,
			items,
			periods
		);
		expect(uncosted.itemsWithoutCost).toBe(1);
		expect(uncosted.excessValue).toBe(10);
		expect(k.itemsWithoutCost).toBe(0);
	});

	it('names the families without capacity', () => {
		expect(k.familiesWithoutCapacity).toEqual([]);
		expect(computeKpis(figures({}), families, items, periods).familiesWithoutCapacity).toEqual([
			'Bikes'
		]);
	});

	it('says "no value" rather than dividing by zero', () => {
		const empty = computeKpis(figures({}), families, items, periods);
		expect(empty.revenueVsBudget).toBeNull();
		expect(empty.marginPct).toBeNull();
		expect(empty.accuracy).toBeNull();
		expect(empty.utilisationPeak).toBeNull();
		expect(empty.fillRate).toBeNull();
		expect(empty.turns).toBeNull();
	});
});

describe('chartsData', () => {
	it('builds the series and the months that need attention', () => {
		const c = chartsData(plan.item('a'));
		expect(c.balance.find((s) => s.label.startsWith('Supply'))?.data).toEqual([5, 5]);
		expect(c.inventory[0].data).toEqual([3, -2]);
		expect(c.stockoutMonths).toEqual([1]);
		// The family holds 3 + 6 = 9 in February, and its item a is short: the month is marked.
		expect(chartsData(plan.family('f')).stockoutMonths).toEqual([1]);
		expect(chartsData(plan.family('f')).itemsShort).toEqual([0, 1]);
		expect(shortNote(2)).toBe('2 items short');
		expect(shortNote(0)).toBe('');
		// A series never carries −0 into a tooltip.
		const negativeZero = chartsData({
			...plan.item('a'),
			revenue: [-0.001, -0]
		});
		expect(negativeZero.finance[0].data.map((v) => Object.is(v, -0))).toEqual([false, false]);
		expect(c.belowSafetyMonths).toEqual([]);
		expect(c.finance[0].data).toEqual([100, 100]);
		expect(chartsData(plan.item('b')).balance[4].data).toEqual([]);
	});
});
