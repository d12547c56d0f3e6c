import { describe, expect, it } from 'vitest';
import type { ChangesView } from '../domain/cell-history.ts';
import { changesIncrements } from './changes-increments.ts';

describe('changesIncrements', () => {
	it('asks for what is new after the last edit, and for the whole list once the period is up', () => {
		let now = 0;
		const increments = changesIncrements(30_000, () => now);
		const current: ChangesView = { since: 's', total: 0, cells: [], lastId: 41 };
		const url = '/plans/p/changes?since=s';
		now = 10_000;
		expect(increments.address(current, url)).toBe(`${url}&after=41`);
		now = 30_000;
		expect(increments.address(current, url)).toBeNull();
		now = 31_000;
		expect(increments.address(current, url)).toBe(`${url}&after=41`);
	});
});
