import { describe, expect, it } from 'vitest';
import { backtest, forecastItem } from './backtest.ts';
import { forecastSeries } from './select.ts';
import { residualSd } from './intervals.ts';

const season = [10, 12, 15, 20, 25, 30, 28, 24, 18, 14, 11, 9];

describe('backtest', () => {
	it('is null for a history too short to hold months out', () => {
		expect(backtest([5, 6, 7, 8, 9, 10, 11])).toBeNull();
	});
	it('holds out a quarter of a short history and six months of a long one', () => {
		expect(backtest(new Array(12).fill(20))?.months).toBe(3);
		expect(backtest(new Array(36).fill(20))?.months).toBe(6);
	});
	it('scores a constant series, forecast exactly, as no error', () => {
		expect(backtest(new Array(36).fill(20))).toEqual({ months: 6, wape: 0, mase: 0 });
	});
	it('scores the held-out months against the forecast from the months before them', () => {
		// 30 months at 10, then 6 at 20: the forecast from the first 30 says 10 throughout.
		const y = [...new Array(30).fill(10), ...new Array(6).fill(20)];
		const result = backtest(y);
		expect(result?.wape).toBeCloseTo(60 / 120, 6);
	});
	it('gives a small MASE on a pure season it can learn', () => {
		const y = Array.from({ length: 48 }, (_, t) => season[t % 12] + (t % 5) * 0.1);
		const result = backtest(y)!;
		expect(result.wape).toBeLessThan(0.05);
		expect(result.mase).toBeLessThan(1);
	});
	it('has no WAPE when nothing sold in the held-out months', () => {
		const y = [...new Array(24).fill(30), ...new Array(8).fill(0)];
		expect(backtest(y)?.wape).toBeNull();
	});
});

describe('sigma', () => {
	it('is the one-step error the intervals are built from', () => {
		const y = Array.from({ length: 36 }, (_, t) => 50 + ((t * 7) % 11));
		const f = forecastSeries(y, 3);
		// σ at the first month: the 95 % half-width over z.
		expect((f.intervals[0].hi95 - f.point[0]) / 1.96).toBeCloseTo(f.sigma, 6);
		expect(f.sigma).toBeGreaterThan(0);
	});
	it('is the spread of a naive forecast’s month-to-month changes on a short series', () => {
		expect(forecastSeries([10, 14, 10], 1).sigma).toBeCloseTo(residualSd([4, -4]), 9);
	});
	it('is 0 for an item that never sold', () => {
		expect(forecastSeries([0, 0, 0, 0], 2).sigma).toBe(0);
	});
});

describe('forecastItem', () => {
	it('carries the forecast and its backtest together', () => {
		const y = Array.from({ length: 36 }, (_, t) => season[t % 12]);
		const item = forecastItem(y, 4);
		expect(item.point).toEqual(forecastSeries(y, 4).point);
		expect(item.backtest?.months).toBe(6);
	});
});
