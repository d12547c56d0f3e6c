import { describe, expect, it } from 'vitest';
import { autoEts, fitEts } from './ets.ts';

const season = [10, 12, 15, 20, 25, 30, 28, 24, 18, 14, 11, 9];

describe('fitEts', () => {
	it('forecasts a constant series as that constant', () => {
		const fit = fitEts(new Array(30).fill(7), { trend: 'none', season: 'none' }, 6);
		fit.forecast.forEach((f) => expect(f).toBeCloseTo(7, 6));
	});
	it('continues a pure linear trend with Holt', () => {
		const y = Array.from({ length: 30 }, (_, t) => 5 + 2 * t);
		const fit = fitEts(y, { trend: 'additive', season: 'none' }, 4);
		fit.forecast.forEach((f, h) => expect(f).toBeCloseTo(5 + 2 * (30 + h), 3));
	});
	it('bends a trend towards flat when damped', () => {
		const y = Array.from({ length: 30 }, (_, t) => 5 + 2 * t);
		const f = fitEts(y, { trend: 'damped', season: 'none' }, 24).forecast;
		expect(f[0]).toBeGreaterThan(y[29]);
		expect(f[23] - f[22]).toBeLessThan(f[1] - f[0]);
		expect(f[23]).toBeLessThan(5 + 2 * 53);
	});
	it('repeats a pure season with Holt–Winters, additive and multiplicative', () => {
		const y = [...season, ...season, ...season, ...season];
		for (const s of ['additive', 'multiplicative'] as const) {
			const fit = fitEts(y, { trend: 'none', season: s }, 12);
			fit.forecast.forEach((f, h) => expect(f).toBeCloseTo(season[h], 3));
		}
	});
});

describe('autoEts', () => {
	it('picks a seasonal model for a seasonal series and a non-seasonal one for a trend', () => {
		const seasonal = Array.from(
			{ length: 48 },
			(_, t) => season[t % 12] * (1 + 0.01 * Math.sin(t))
		);
		expect(autoEts(seasonal, 12).spec.season).not.toBe('none');
		const trend = Array.from({ length: 48 }, (_, t) => 100 + 3 * t + 0.5 * Math.sin(1.3 * t * t));
		const fit = autoEts(trend, 3);
		expect(fit.spec.season).toBe('none');
		expect(fit.forecast[2]).toBeGreaterThan(trend[47]);
	});
});
