import { describe, expect, it } from 'vitest';
import { spread } from './disaggregate';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('spread', () => {
	it('keeps the current proportions', () => {
		expect(spread(200, [10, 30, 60], 0)).toEqual([20, 60, 120]);
	});

	it('spreads evenly when every part is zero', () => {
		expect(spread(9, [0, 0, 0], 0)).toEqual([3, 3, 3]);
	});

	it('rounds so the parts add up to the total exactly', () => {
		const parts = spread(100, [1, 1, 1], 0);
		expect(parts).toEqual([34, 33, 33]);
		expect(sum(parts)).toBe(100);
		const money = spread(100, [1, 1, 1], 2);
		expect(money).toEqual([33.34, 33.33, 33.33]);
		expect(Math.round(sum(money) * 100)).toBe(10000);
	});

	it('gives the rounding remainder to the largest fractional parts', () => {
		// 10 × (0.15, 0.25, 0.6) = 1.5, 2.5, 6 → floors 1, 2, 6, one unit left for the first tie.
		expect(spread(10, [15, 25, 60], 0)).toEqual([2, 2, 6]);
	});

	it('handles negative totals and mixed signs', () => {
		expect(spread(-30, [-1, -2], 0)).toEqual([-10, -20]);
		expect(spread(10, [5, -5], 0)).toEqual([5, 5]);
	});

	it('stays exact over many random cases', () => {
		let seed = 7;
		const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		for (let t = 0; t < 500; t++) {
			const parts = Array.from({ length: 1 + Math.floor(rnd() * 30) }, () =>
				Math.floor(rnd() * 1000)
			);
			const total = Math.round(rnd() * 100000) / 100;
			const out = spread(total, parts, 2);
			expect(Math.round(sum(out) * 100)).toBe(Math.round(total * 100));
			for (const v of out) expect(Math.round(v * 100)).toBeCloseTo(v * 100, 6);
		}
	});

	it('property: any total over any parts adds up exactly, keeps its places and never writes −0', () => {
		let seed = 11;
		const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
		for (let t = 0; t < 1500; t++) {
			const decimals = pick([0, 2, 3]);
			const scale = 10 ** decimals;
			// Zeros, negatives, mixed signs and ties are the cases that go wrong.
			const value = () => pick([0, 0, -0, 1, -1, Math.round((rnd() - 0.5) * 2000 * scale) / scale]);
			const parts = Array.from({ length: 1 + Math.floor(rnd() * 12) }, value);
			const total = pick([0, -0, value(), Math.round((rnd() - 0.3) * 1e6) / scale]);
			const out = spread(total, parts, decimals);
			expect(out).toHaveLength(parts.length);
			expect(Math.round(sum(out) * scale)).toBe(Math.round(total * scale) + 0);
			for (const v of out) {
				expect(Object.is(v, -0), `−0 in spread(${total}, [${parts}], ${decimals})`).toBe(false);
				expect(Math.round(v * scale)).toBeCloseTo(v * scale, 6);
			}
		}
	});

	it('writes 0, not −0, where a part gets nothing', () => {
		expect(spread(0, [-1, -2], 0).map((v) => Object.is(v, -0))).toEqual([false, false]);
		expect(spread(-5, [0, -3], 0).map((v) => Object.is(v, -0))).toEqual([false, false]);
	});

	it('returns nothing for no parts', () => {
		expect(spread(5, [], 0)).toEqual([]);
	});
});
