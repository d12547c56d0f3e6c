import { describe, expect, it } from 'vitest';
import { acf, isSeasonal, seasonalIndices } from './seasonality.ts';

const season = [10, 12, 15, 20, 25, 30, 28, 24, 18, 14, 11, 9];
const seasonal = Array.from({ length: 48 }, (_, t) => season[t % 12]);

describe('seasonality', () => {
	it('finds the lag-12 autocorrelation of a repeating year significant', () => {
		expect(acf(seasonal, 12)[11]).toBeGreaterThan(0.5);
		expect(isSeasonal(seasonal, 12)).toBe(true);
	});
	it('does not call a straight line or a short history seasonal', () => {
		expect(
			isSeasonal(
				Array.from({ length: 48 }, (_, t) => t),
				12
			)
		).toBe(false);
		expect(isSeasonal(seasonal.slice(0, 23), 12)).toBe(false);
	});
	it('recovers the seasonal shape as indices with mean 1', () => {
		const index = seasonalIndices(seasonal, 12);
		const mean = season.reduce((a, b) => a + b) / 12;
		index.forEach((v, i) => expect(v).toBeCloseTo(season[i] / mean, 6));
	});
});
