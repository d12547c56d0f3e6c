import { describe, expect, it } from 'vitest';
import { acf, isSeasonal, seasonalIndices, seasonalStrength } from './seasonality.ts';

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
	it.each([36, 30])(
		'finds a smooth yearly season in %i months of noisy sales, not in noise',
		(months) => {
			let seed = 7;
			const uniform = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
			const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
			const called = (make: (t: number) => number) => {
				let n = 0;
				for (let k = 0; k < 500; k++) {
					if (
						isSeasonal(
							Array.from({ length: months }, (_, t) => make(t)),
							12
						)
					)
						n++;
				}
				return n / 500;
			};
			// A season of ±25 % with ±12 % noise: the lag-12 autocorrelation test alone called none.
			const sine = (t: number) => 100 * (1 + 0.25 * Math.sin((t / 12) * 2 * Math.PI));
			expect(called((t) => sine(t) * (0.88 + 0.24 * uniform()))).toBeGreaterThan(0.95);
			// About as often as a test at 90 % may: noise alone, and noise on a trend.
			expect(called(() => 100 + 15 * gauss())).toBeLessThan(0.15);
			expect(called((t) => 100 + 2 * t + 15 * gauss())).toBeLessThan(0.15);
		}
	);
	it('measures the strength of a season from a season and a half of ratios', () => {
		expect(seasonalStrength(seasonal, 12)).toBeCloseTo(1, 6);
		expect(seasonalStrength(seasonal.slice(0, 30), 12)).toBeCloseTo(1, 6);
		// Under two and a half years, too few ratios to the moving average to tell a season from noise.
		expect(seasonalStrength(seasonal.slice(0, 29), 12)).toBe(0);
	});
	it('recovers the seasonal shape as indices with mean 1', () => {
		const index = seasonalIndices(seasonal, 12);
		const mean = season.reduce((a, b) => a + b) / 12;
		index.forEach((v, i) => expect(v).toBeCloseTo(season[i] / mean, 6));
	});
});
