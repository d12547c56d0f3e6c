import { describe, expect, it } from 'vitest';
import { cellKey, inputMeasure } from '../measures';
import {
	cellReader,
	ChangeIndex,
	changedRows,
	overlayReader,
	sameValue,
	scenarioFigures,
	splitCellKey
} from './overlay';
import { cellsOf, periods, readerOf, rowOf, shape } from './test-plan';

const consensus = inputMeasure('consensus')!;
const capacity = inputMeasure('capacity')!;
const base = cellsOf({
	a: { consensus: [10, 20, 30, 40, 50, 60] },
	b: { consensus: [1, 2, 3, 4, 5, 6] },
	c: { consensus: [100, 100, 100, 100, 100, 100] },
	f1: { capacity: [500, 500, 500, 500, 500, 500] }
});

describe('overlayReader', () => {
	it('lays the changes over the base row and clears cells set to null', () => {
		const changes = new Map<string, number | null>([
			[cellKey('a', '2027-02', 'consensus'), 25],
			[cellKey('a', '2027-05', 'consensus'), null],
			[cellKey('f1', '2027-03', 'capacity'), 400]
		]);
		const read = overlayReader(readerOf(base), changes, periods);
		expect(rowOf(read, 'a', consensus)).toEqual([10, 25, 30, 40, null, 60]);
		expect(rowOf(read, 'f1', capacity)).toEqual([500, 500, 400, 500, 500, 500]);
		expect(rowOf(read, 'b', consensus)).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it('shows edits of the live plan where the scenario changed nothing', () => {
		const live = new Map(base);
		const read = overlayReader(
			readerOf(live),
			new Map([[cellKey('a', '2027-01', 'consensus'), 11]]),
			periods
		);
		live.set(cellKey('a', '2027-02', 'consensus'), 99);
		live.set(cellKey('a', '2027-01', 'consensus'), 77);
		expect(rowOf(read, 'a', consensus).slice(0, 2)).toEqual([11, 99]);
	});

	it('ignores changes in months the plan does not have', () => {
		const changes = new Map([[cellKey('a', '2030-01', 'consensus'), 5]]);
		expect(rowOf(overlayReader(readerOf(base), changes, periods), 'a', consensus)).toEqual([
			10, 20, 30, 40, 50, 60
		]);
	});
});

describe('ChangeIndex', () => {
	it('follows the keys that changed, added or removed, and names the owners they move', () => {
		const changes = new Map<string, number | null>([[cellKey('a', '2027-01', 'consensus'), 11]]);
		const index = new ChangeIndex(periods);
		expect(index.update(changes, changes.keys())).toEqual(new Set(['a']));
		const read = index.reader(readerOf(base));
		expect(rowOf(read, 'a', consensus).slice(0, 2)).toEqual([11, 20]);

		changes.delete(cellKey('a', '2027-01', 'consensus'));
		changes.set(cellKey('a', '2027-02', 'consensus'), null);
		changes.set(cellKey('f1', '2027-02', 'capacity'), 450);
		const moved = index.update(changes, [
			cellKey('a', '2027-01', 'consensus'),
			cellKey('a', '2027-02', 'consensus'),
			cellKey('f1', '2027-02', 'capacity')
		]);
		expect(moved).toEqual(new Set(['a', 'f1']));
		expect(rowOf(read, 'a', consensus).slice(0, 2)).toEqual([10, null]);
		expect(rowOf(read, 'f1', capacity).slice(0, 2)).toEqual([500, 450]);
	});
});

describe('scenarioFigures', () => {
	it('computes families and the plan total from the scenario rows, leaving the plan as it is', () => {
		const changes = new Map([[cellKey('b', '2027-01', 'consensus'), 31]]);
		const reader = readerOf(base);
		const figures = scenarioFigures(shape, reader, changes);
		expect(figures.item('b').consensus[0]).toBe(31);
		expect(figures.family('f1').consensus[0]).toBe(41);
		expect(figures.total().consensus[0]).toBe(141);
		expect(figures.total().consensus[1]).toBe(122);
		expect(reader(consensus, 'b')[0]).toBe(1);
	});
});

describe('changedRows', () => {
	it('names each row with a changed cell once', () => {
		const changes = new Map<string, number | null>([
			[cellKey('a', '2027-01', 'consensus'), 1],
			[cellKey('a', '2027-02', 'consensus'), null],
			[cellKey('f1', '2027-01', 'capacity'), 3]
		]);
		expect([...changedRows(changes)].sort()).toEqual(['a:consensus', 'f1:capacity']);
	});
});

describe('cellReader', () => {
	it('reads cells through a row reader, each row once, null where empty', () => {
		const reader = readerOf(cellsOf({ a: { consensus: [10, undefined, 30] } }));
		const read = cellReader(reader, periods);
		expect(read(cellKey('a', '2027-01', 'consensus'))).toBe(10);
		expect(read(cellKey('a', '2027-02', 'consensus'))).toBeNull();
		expect(read(cellKey('a', '2027-03', 'consensus'))).toBe(30);
		expect(read(cellKey('a', '2031-03', 'consensus'))).toBeNull();
		expect(read(cellKey('a', '2027-01', 'nonsense'))).toBeNull();
		expect(reader.reads).toEqual(['a:consensus']);
	});
});

describe('cell keys and values', () => {
	it('splits a cell key into its row and month', () => {
		expect(splitCellKey('a:2027-01:consensus')).toEqual({ row: 'a:consensus', period: '2027-01' });
		expect(splitCellKey('a:consensus')).toBeNull();
		expect(splitCellKey('a:2027-01:')).toBeNull();
	});

	it('treats empty as different from zero and tiny float noise as the same value', () => {
		expect(sameValue(null, null)).toBe(true);
		expect(sameValue(null, 0)).toBe(false);
		expect(sameValue(0.1 + 0.2, 0.3)).toBe(true);
		expect(sameValue(1, 2)).toBe(false);
	});
});
