import { describe, expect, it } from 'vitest';
import { clipOutliers } from './outliers.ts';

const noisy = Array.from({ length: 24 }, (_, t) => 100 + (t % 2 ? 2 : -2));

describe('clipOutliers', () => {
	it('replaces an isolated spike by the mean of its neighbours', () => {
		const y = noisy.slice();
		y[10] = 400;
		const out = clipOutliers(y);
		expect(out[10]).toBeCloseTo((y[9] + y[11]) / 2, 10);
		expect(out.filter((v, t) => v !== y[t])).toHaveLength(1);
	});
	it('keeps a level shift', () => {
		const y = noisy.map((v, t) => (t >= 12 ? v + 300 : v));
		expect(clipOutliers(y)).toEqual(y);
	});
});
