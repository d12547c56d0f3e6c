import { describe, expect, it } from 'vitest';
import { forecastSeries } from './select.ts';

const season = [10, 12, 15, 20, 25, 30, 28, 24, 18, 14, 11, 9];

describe('forecastSeries', () => {
	it('forecasts a constant series as that constant', () => {
		const f = forecastSeries(new Array(48).fill(20), 12);
		f.point.forEach((v) => expect(v).toBeCloseTo(20, 4));
	});
	it('is not dragged by a one-month spike', () => {
		const y = Array.from({ length: 48 }, (_, t) => 20 + Math.sin(1.3 * t * t));
		y[46] = 200;
		forecastSeries(y, 6).point.forEach((v) => expect(Math.abs(v - 20)).toBeLessThan(2));
	});
	it('repeats a pure seasonal pattern', () => {
		const y = Array.from({ length: 60 }, (_, t) => season[t % 12]);
		const f = forecastSeries(y, 12);
		expect(f.method).toBe('combination');
		f.point.forEach((v, h) => expect(v).toBeCloseTo(season[h], 1));
	});
	it('continues a trend', () => {
		const y = Array.from({ length: 48 }, (_, t) => 100 + 5 * t);
		const f = forecastSeries(y, 6).point;
		expect(f[0]).toBeGreaterThan(y[47]);
		expect(f[5]).toBeGreaterThan(f[0]);
	});
	it('forecasts 0 for a series that stopped selling', () => {
		const y = [...new Array(24).fill(30), ...new Array(8).fill(0)];
		expect(forecastSeries(y, 3)).toMatchObject({ method: 'discontinued', point: [0, 0, 0] });
		expect(forecastSeries(new Array(12).fill(0), 2)).toMatchObject({
			method: 'zero',
			point: [0, 0]
		});
	});
	it('uses SBA for intermittent demand', () => {
		const y = Array.from({ length: 36 }, (_, t) => (t % 3 === 2 ? 6 : 0));
		const f = forecastSeries(y, 3);
		expect(f.method).toBe('sba');
		f.point.forEach((v) => expect(v).toBeCloseTo(1.9, 6));
	});
	it('uses TSB when an intermittent series has gone quiet for longer than its usual gap', () => {
		const y = [...Array.from({ length: 36 }, (_, t) => (t % 3 === 2 ? 6 : 0)), 0, 0, 0, 0];
		const f = forecastSeries(y, 2);
		expect(f.method).toBe('tsb');
		expect(f.point[0]).toBeLessThan(1.9);
	});
	it('uses the simple methods for a short history and naive for a tiny one', () => {
		expect(forecastSeries([5, 6, 5, 6, 5, 6, 5, 6], 2).method).toBe('short');
		expect(forecastSeries([5, 7], 2)).toMatchObject({ method: 'naive', point: [7, 7] });
	});
	it('gives nested 80 % and 95 % intervals around the point forecast', () => {
		const y = Array.from({ length: 48 }, (_, t) => 100 + 10 * Math.sin(t) + season[t % 12]);
		const f = forecastSeries(y, 6);
		f.intervals.forEach((iv, h) => {
			expect(iv.lo95).toBeLessThanOrEqual(iv.lo80);
			expect(iv.lo80).toBeLessThan(f.point[h]);
			expect(iv.hi80).toBeGreaterThan(f.point[h]);
			expect(iv.hi95).toBeGreaterThanOrEqual(iv.hi80);
		});
	});
});
