import { describe, expect, it } from 'vitest';
import { mase, smape } from './accuracy.ts';

describe('smape', () => {
	it('averages 200·|A−F|/(|A|+|F|) over the months', () => {
		// 200·10/210 = 9.5238…, 200·0/100 = 0, 200·50/150 = 66.666…
		expect(smape([100, 50, 100], [110, 50, 50])).toBeCloseTo(
			(9.523809523809524 + 0 + 66.66666666666667) / 3,
			10
		);
	});
	it('scores a month with actual and forecast both 0 as exact', () => {
		expect(smape([0, 10], [0, 10])).toBe(0);
	});
});

describe('mase', () => {
	it('scales the mean absolute error by the in-sample seasonal naive error', () => {
		// History of 14 months with lag-12 differences |13−1| = 12 and |14−2| = 12: scale 12.
		const history = Array.from({ length: 14 }, (_, t) => t + 1);
		expect(mase(history, [20, 30], [26, 24])).toBeCloseTo(6 / 12, 10);
	});
	it('falls back to lag 1 for a history shorter than a season', () => {
		// Differences 2, 2, 2: scale 2; errors 1 and 3: MAE 2.
		expect(mase([1, 3, 5, 7], [8, 9], [9, 6])).toBeCloseTo(1, 10);
	});
});
