import { describe, expect, it } from 'vitest';
import { predictionIntervals, residualSd } from './intervals.ts';

describe('predictionIntervals', () => {
	it('puts the 80 % band inside the 95 % band and widens them with the horizon', () => {
		const [first, second] = predictionIntervals([100, 100], 10, 0.5);
		expect(first.lo80).toBeCloseTo(100 - 12.816, 3);
		expect(first.hi95).toBeCloseTo(100 + 19.6, 3);
		// σ·√(1 + α²) at the second month.
		expect(second.hi95 - 100).toBeCloseTo(19.6 * Math.sqrt(1.25), 3);
		expect(second.lo95).toBeLessThan(second.lo80);
	});
	it('never goes below 0 for demand', () => {
		expect(predictionIntervals([1], 10, 0.5)[0].lo95).toBe(0);
	});
	it('takes σ from the one-step errors', () => {
		expect(residualSd([3, -3, 3, -3])).toBe(3);
	});
});
