import { describe, expect, it } from 'vitest';
import { firstOf, indicesOf, lastOf, windowOf } from './grid-window';

describe('grid window', () => {
	it('is the first and last index drawn, leaving out indices past the count', () => {
		const items = [3, 4, 5, 6].map((index) => ({ index }));
		expect(windowOf(items, 10)).toBe('3-6');
		expect(windowOf(items, 5)).toBe('3-4');
		expect(windowOf(items, 2)).toBe('');
	});

	it('lists its indices, and an empty window has none', () => {
		expect(indicesOf('3-6')).toEqual([3, 4, 5, 6]);
		expect([firstOf('3-6'), lastOf('3-6')]).toEqual([3, 6]);
		expect(indicesOf('')).toEqual([]);
		expect([firstOf(''), lastOf('')]).toEqual([0, -1]);
	});
});
