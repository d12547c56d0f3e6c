import { describe, expect, it } from 'vitest';
import { seasonalNaive } from './seasonal-naive.ts';

describe('seasonalNaive', () => {
	it('repeats the last season', () => {
		const season = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
		expect(seasonalNaive([...season, ...season], 15)).toEqual([...season, 1, 2, 3]);
	});
	it('repeats the last value when the history is shorter than a season', () => {
		expect(seasonalNaive([4, 5, 6], 3)).toEqual([6, 6, 6]);
	});
});
