import { describe, expect, it } from 'vitest';
import { compareScenarios } from './compare';
import { compareSeries } from './compare-series';
import { cellsOf, readerOf, shape } from './test-plan';

const six = (v: number) => [v, v, v, v, v, v];
const base = cellsOf({
	a: { consensus: six(10), production: six(8), receipts: six(1), price: six(2), cost: six(1) }
});
const comparison = compareScenarios(shape, readerOf(base), [
	{ id: 's1', name: 'More demand', changes: new Map([['a:2027-01:consensus', 20]]) },
	{ id: 's2', name: 'No receipts', changes: new Map([['a:2027-02:receipts', null]]) }
]);
const series = (measure: Parameters<typeof compareSeries>[0]) =>
	compareSeries(
		measure,
		comparison.planFigures.total(),
		comparison.scenarios.map((s) => ({ name: s.name, figures: s.figures.total() }))
	);

describe('compareSeries', () => {
	it('draws the plan first, then each scenario under its name', () => {
		const demand = series('consensus');
		expect(demand.map((s) => s.label)).toEqual(['Plan', 'More demand', 'No receipts']);
		expect(demand.map((s) => s.data[0])).toEqual([10, 20, 10]);
	});

	it('totals supply as production plus receipts', () => {
		expect(series('supply').map((s) => s.data.slice(0, 2))).toEqual([
			[9, 9],
			[9, 9],
			[9, 8]
		]);
	});

	it('follows a change downstream into inventory and money', () => {
		expect(series('inventory').map((s) => s.data[1])).toEqual([-2, -12, -3]);
		expect(series('revenue').map((s) => s.data[0])).toEqual([20, 40, 20]);
		expect(series('margin').map((s) => s.data[0])).toEqual([10, 20, 10]);
	});
});
