import { describe, expect, it } from 'vitest';
import { forecastValueAdd, type FvaItem, type FvaRow } from './fva.ts';

/*
 * Hand-computed example. Item A (family Bikes): sales Jan 10, Feb 0, Mar 20, Apr 10; the plans
 * forecast Feb–Apr. Item B (family Lids, discontinued): sales Mar 0, Apr 0; no consensus in Mar.
 *
 *          actual  naive  baseline  forecast  consensus
 * A Feb        0     10        5         4          2
 * A Mar       20      0       15        18         22
 * A Apr       10     20       10        14         12
 * B Mar        0      –        3         5          –
 * B Apr        0      0        0         2          1
 *
 * A's Jan has sales but no forecast and no December sales for naive: it is not scored.
 */
const A: FvaItem = {
	id: 'a',
	name: 'Road bike',
	familyId: 'bikes',
	actuals: new Map([
		['2027-01', 10],
		['2027-02', 0],
		['2027-03', 20],
		['2027-04', 10]
	]),
	forecasts: new Map([
		['2027-02', { baseline: 5, forecast: 4, consensus: 2 }],
		['2027-03', { baseline: 15, forecast: 18, consensus: 22 }],
		['2027-04', { baseline: 10, forecast: 14, consensus: 12 }]
	])
};
const B: FvaItem = {
	id: 'b',
	name: 'Old lid',
	familyId: 'lids',
	actuals: new Map([
		['2027-03', 0],
		['2027-04', 0]
	]),
	forecasts: new Map([
		['2027-03', { baseline: 3, forecast: 5 }],
		['2027-04', { baseline: 0, forecast: 2, consensus: 1 }]
	])
};
const table = forecastValueAdd(
	'Plan',
	[
		{ id: 'bikes', name: 'Bikes' },
		{ id: 'lids', name: 'Lids' }
	],
	[A, B]
);

function expectScores(row: FvaRow, kind: keyof FvaRow['scores'], expected: number[]) {
	const s = row.scores[kind];
	const [wape, mape, bias, months] = expected;
	expect(s.wape, `${row.id} ${kind} WAPE`).toBeCloseTo(wape, 10);
	expect(s.mape, `${row.id} ${kind} MAPE`).toBeCloseTo(mape, 10);
	expect(s.bias, `${row.id} ${kind} bias`).toBeCloseTo(bias, 10);
	expect(s.months, `${row.id} ${kind} months`).toBe(months);
}

describe('forecastValueAdd', () => {
	it('scores an item: WAPE and bias over every month with sales data, MAPE only where sales > 0', () => {
		const a = table.items[0];
		// Σ actual = 30. naive errors +10, −20, +10.
		expectScores(a, 'naive', [40 / 30, 1, 0, 3]);
		// baseline +5, −5, 0: MAPE (5/20 + 0/10) / 2.
		expectScores(a, 'baseline', [10 / 30, 0.125, 0, 3]);
		// forecast +4, −2, +4.
		expectScores(a, 'forecast', [10 / 30, 0.25, 6 / 30, 3]);
		// consensus +2, +2, +2.
		expectScores(a, 'consensus', [6 / 30, 0.15, 6 / 30, 3]);
		expect(a.gains.map((g) => g.wapeGain)).toEqual([
			expect.closeTo(1, 10),
			expect.closeTo(0, 10),
			expect.closeTo(10 / 30 - 6 / 30, 10)
		]);
	});

	it('has no percentages for an item that sold nothing, but counts its months', () => {
		const b = table.items[1];
		for (const kind of ['naive', 'baseline', 'forecast', 'consensus'] as const) {
			expect(b.scores[kind]).toMatchObject({ wape: null, mape: null, bias: null });
		}
		expect(b.scores.baseline.months).toBe(2);
		expect(b.scores.consensus.months).toBe(1);
		expect(b.gains.every((g) => g.wapeGain === null)).toBe(true);
	});

	it('pools item errors into the plan: over-forecasting zero sales raises WAPE and bias', () => {
		const plan = table.plan;
		expectScores(plan, 'naive', [40 / 30, 1, 0, 4]);
		expectScores(plan, 'baseline', [13 / 30, 0.125, 3 / 30, 5]);
		expectScores(plan, 'forecast', [17 / 30, 0.25, 13 / 30, 5]);
		expectScores(plan, 'consensus', [7 / 30, 0.15, 7 / 30, 4]);
	});

	it('compares each step with the one before on the months both have', () => {
		const [naiveToBaseline, baselineToForecast, forecastToConsensus] = table.plan.gains;
		// A's three months and B's April: naive 40 vs baseline 10.
		expect(naiveToBaseline).toMatchObject({ from: 'naive', to: 'baseline', months: 4 });
		expect(naiveToBaseline.wapeGain).toBeCloseTo(30 / 30, 10);
		// The sales forecast made it worse: 13 vs 17 over five months.
		expect(baselineToForecast).toMatchObject({ from: 'baseline', to: 'forecast', months: 5 });
		expect(baselineToForecast.wapeGain).toBeCloseTo(-4 / 30, 10);
		// B's March has no consensus: forecast 10 + 2 vs consensus 6 + 1 over four months.
		expect(forecastToConsensus).toMatchObject({ months: 4 });
		expect(forecastToConsensus.wapeGain).toBeCloseTo(5 / 30, 10);
	});

	it('gives each family its own items and lists the months scored', () => {
		expect(table.families.map((f) => f.scores.forecast.wape)).toEqual([
			expect.closeTo(10 / 30, 10),
			null
		]);
		expect(table.items.map((i) => i.familyId)).toEqual(['bikes', 'lids']);
		expect(table.months).toEqual(['2027-02', '2027-03', '2027-04']);
	});

	it('scores naive only on the months a plan forecast, so every WAPE covers the same months', () => {
		const sold = new Map([...A.actuals, ['2027-05', 30]]);
		const later = forecastValueAdd('Plan', [], [{ ...A, actuals: sold }]);
		// May has sales, and April's for naive, but no plan forecast it.
		expect(later.months).toEqual(['2027-02', '2027-03', '2027-04']);
		expectScores(later.items[0], 'naive', [40 / 30, 1, 0, 3]);
		// A month whose forecasts were all left empty is not scored either.
		const empty = new Map([...A.forecasts, ['2027-05', {}]]);
		const unplanned = forecastValueAdd('Plan', [], [{ ...A, actuals: sold, forecasts: empty }]);
		expect(unplanned.items[0].scores.naive.months).toBe(3);
	});

	it('scores nothing without forecasts or a previous month', () => {
		const empty = forecastValueAdd(
			'Plan',
			[],
			[{ ...A, forecasts: new Map(), actuals: new Map([['2027-01', 5]]) }]
		);
		expect(empty.months).toEqual([]);
		expect(empty.plan.scores.naive).toEqual({ wape: null, mape: null, bias: null, months: 0 });
	});
});
