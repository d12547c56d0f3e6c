import { describe, expect, it } from 'vitest';
import { upkeepDue, type TableActivity } from './upkeep-due.ts';

const quiet: Omit<TableActivity, 'table'> = { tuples: 0, dead: 0, inserted: 0, modified: 0 };
const table = (name: string, counts: Partial<TableActivity>): TableActivity => ({
	table: name,
	...quiet,
	...counts
});

describe('upkeepDue', () => {
	it('leaves a table alone until its changes pass the threshold for its size', () => {
		expect(upkeepDue([table('small', { tuples: 100, dead: 70, modified: 60 })])).toEqual([]);
		expect(upkeepDue([table('small', { tuples: 100, dead: 71, modified: 61 })])).toEqual([
			{ table: 'small', vacuum: true, analyze: true }
		]);
	});

	it('vacuums a table of deleted rows, and one that only grows, by their own thresholds', () => {
		const due = upkeepDue([
			table('log', { tuples: 10_000, dead: 2_051 }),
			table('history', { tuples: 10_000, inserted: 3_001 }),
			table('history-slow', { tuples: 10_000, inserted: 2_999 })
		]);
		expect(due).toEqual([
			{ table: 'log', vacuum: true, analyze: false },
			{ table: 'history', vacuum: true, analyze: false }
		]);
	});

	it('analyzes alone a table whose rows changed in place', () => {
		expect(upkeepDue([table('steps', { tuples: 1_000, modified: 151 })])).toEqual([
			{ table: 'steps', vacuum: false, analyze: true }
		]);
	});

	it('counts a table never measured (negative size) as empty', () => {
		expect(upkeepDue([table('new', { tuples: -1, dead: 51 })])).toEqual([
			{ table: 'new', vacuum: true, analyze: false }
		]);
	});
});
