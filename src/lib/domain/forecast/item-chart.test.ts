import { describe, expect, it } from 'vitest';
import { itemChartData } from './item-chart.ts';
import type { ItemForecastView } from './item-view.ts';

const view: ItemForecastView = {
	item: { id: 'i', sku: 'B-1', name: 'Road bike' },
	periods: ['2027-01', '2027-02'],
	forecast: {
		method: 'short',
		historyMonths: 2,
		backtest: null,
		sigma: 1,
		intervals: [
			{ month: '2027-01', lo80: 8, hi80: 12, lo95: 6, hi95: 14 },
			{ month: '2027-02', lo80: 7, hi80: 13, lo95: 5, hi95: 15 }
		],
		refreshedAt: '2026-12-01T00:00:00.000Z'
	},
	history: { months: ['2026-11', '2026-12'], values: [9, 11] },
	rows: { baseline: [10, 10], forecast: [12, null], consensus: [null, null] }
};

describe('itemChartData', () => {
	it('puts history before the plan’s months and the baseline with its bands after', () => {
		expect(itemChartData(view)).toEqual({
			months: ['2026-11', '2026-12', '2027-01', '2027-02'],
			history: [9, 11, null, null],
			baseline: [null, null, 10, 10],
			lo95: [null, null, 6, 5],
			hi95: [null, null, 14, 15],
			lo80: [null, null, 8, 7],
			hi80: [null, null, 12, 13],
			forecast: [null, null, 12, null],
			consensus: [null, null, null, null]
		});
	});
	it('draws no bands before the first refresh', () => {
		const data = itemChartData({ ...view, forecast: null });
		expect(data.hi95).toEqual([null, null, null, null]);
	});
});
