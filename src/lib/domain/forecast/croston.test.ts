import { describe, expect, it } from 'vitest';
import { intermittent, meanInterval } from './croston.ts';

// A demand of 6 every third month: size 6, interval 3, so 2 a month.
const y = Array.from({ length: 36 }, (_, t) => (t % 3 === 2 ? 6 : 0));

describe('intermittent demand', () => {
	it('measures the mean interval between demands', () => {
		expect(meanInterval(y)).toBe(3);
		expect(meanInterval([0, 0])).toBe(Infinity);
	});
	it('Croston forecasts size over interval', () => {
		intermittent(y, 4, 'croston').forEach((f) => expect(f).toBeCloseTo(2, 6));
	});
	it('SBA removes Croston’s bias by (1 − α/2)', () => {
		intermittent(y, 4, 'sba').forEach((f) => expect(f).toBeCloseTo(2 * 0.95, 6));
	});
	it('TSB forecasts probability times size and decays after demand stops', () => {
		const tsb = intermittent(y, 1, 'tsb')[0];
		expect(tsb).toBeGreaterThan(1.5);
		expect(tsb).toBeLessThan(2.5);
		const stopped = intermittent([...y, ...new Array(12).fill(0)], 1, 'tsb')[0];
		expect(stopped).toBeLessThan(tsb / 2);
	});
	it('forecasts 0 for a series without demand', () => {
		expect(intermittent([0, 0, 0], 2, 'sba')).toEqual([0, 0]);
	});
});
