import { describe, expect, it } from 'vitest';
import { baselineValue, planWindow, salesSeries } from './sales-series.ts';

describe('salesSeries', () => {
	it('fills months without a record with 0, from the first record to the common end', () => {
		const series = salesSeries(
			[
				{ sku: 'A', month: '2026-10', quantity: 5 },
				{ sku: 'A', month: '2026-08', quantity: 3 },
				{ sku: 'B', month: '2026-11', quantity: 7 }
			],
			'2026-12'
		);
		expect(series.get('A')).toEqual({ start: '2026-08', values: [3, 0, 5, 0, 0] });
		expect(series.get('B')).toEqual({ start: '2026-11', values: [7, 0] });
	});
	it('crosses a year', () => {
		const series = salesSeries([{ sku: 'A', month: '2025-12', quantity: 1 }], '2026-01');
		expect(series.get('A')).toEqual({ start: '2025-12', values: [1, 0] });
	});
});

describe('planWindow', () => {
	it('forecasts through the gap to the plan and over its months', () => {
		expect(planWindow('2026-12', '2027-01', 12)).toEqual({ horizon: 12, offset: 0 });
		expect(planWindow('2026-09', '2027-01', 12)).toEqual({ horizon: 15, offset: 3 });
	});
});

describe('baselineValue', () => {
	it('keeps hundredths and no negative demand', () => {
		expect(baselineValue(12.3456)).toBe(12.35);
		expect(baselineValue(-0.4)).toBe(0);
	});
});
