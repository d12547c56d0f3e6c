import { describe, expect, it } from 'vitest';
import { PlanFigures } from '../plan-figures.ts';
import { rowsAt } from './anchor.ts';
import { ReplayCursor } from './cursor.ts';
import { ReplayValues } from './values.ts';
import type { ReplayEdits } from './window.ts';

const PERIODS = ['2027-01', '2027-02', '2027-03'];
const ANN = 0;
const BO = 1;

/**
 * Item i1's consensus for January: 100 at the start, Ann types 110, Bo 120, Ann clears it; Bo
 * types 7 into i2's February. Times are seconds 10, 20, 30, 40.
 */
function replay() {
	const cells = ['i1:2027-01:consensus', 'i2:2027-02:consensus'];
	const edits: ReplayEdits = {
		cell: [0, 0, 1, 0],
		old: [100, 110, null, 120],
		new: [110, 120, 7, null],
		person: [ANN, BO, BO, ANN],
		at: [10_000, 20_000, 30_000, 40_000]
	};
	// The values at the window's end: every edit applied.
	const values = new ReplayValues(PERIODS.length, {
		'i1:consensus': [null, 50, 60],
		'i2:consensus': [1, 7, 3]
	});
	return { values, cursor: new ReplayCursor(values, cells, edits, PERIODS, 2) };
}

const jan = (values: ReplayValues) => values.get('i1:consensus', 0);

describe('ReplayCursor', () => {
	it('starts at the window’s end with each cell marked by whoever changed it last', () => {
		const { values, cursor } = replay();
		expect(cursor.position).toBe(4);
		expect(jan(values)).toBeNull();
		expect(cursor.markOf('i1:2027-01:consensus')).toBe(ANN);
		expect(cursor.markOf('i2:2027-02:consensus')).toBe(BO);
		expect(cursor.markOf('i2:2027-01:consensus')).toBe(-1);
		expect([...cursor.counts]).toEqual([2, 2]);
	});

	it('undoes edits one by one back to the start, a cell edited three times included', () => {
		const { values, cursor } = replay();
		expect([...cursor.moveTo(3)]).toEqual(['i1']);
		expect(jan(values)).toBe(120);
		expect(cursor.markOf('i1:2027-01:consensus')).toBe(BO);
		expect(cursor.currentCell()).toBe('i2:2027-02:consensus');
		cursor.moveTo(2);
		expect(values.get('i2:consensus', 1)).toBeNull();
		expect(cursor.markOf('i2:2027-02:consensus')).toBe(-1);
		cursor.moveTo(1);
		expect(jan(values)).toBe(110);
		expect(cursor.markOf('i1:2027-01:consensus')).toBe(ANN);
		cursor.moveTo(0);
		expect(jan(values)).toBe(100);
		expect(cursor.markOf('i1:2027-01:consensus')).toBe(-1);
		expect(cursor.currentCell()).toBeNull();
		expect([...cursor.counts]).toEqual([0, 0]);
	});

	it('jumps in either direction and lands on the same values as stepping', () => {
		const { values, cursor } = replay();
		expect(new Set(cursor.moveTo(0))).toEqual(new Set(['i1', 'i2']));
		expect(jan(values)).toBe(100);
		cursor.moveTo(2);
		expect(jan(values)).toBe(120);
		expect(cursor.currentPerson()).toBe(BO);
		expect([...cursor.counts]).toEqual([1, 1]);
		cursor.moveTo(4);
		expect(jan(values)).toBeNull();
		expect(values.get('i2:consensus', 1)).toBe(7);
		expect(cursor.moveTo(99).size).toBe(0);
		expect(cursor.position).toBe(4);
	});

	it('finds the position at a moment: every edit made at or before it', () => {
		const { cursor } = replay();
		expect(cursor.positionAt(0)).toBe(0);
		expect(cursor.positionAt(10_000)).toBe(1);
		expect(cursor.positionAt(25_000)).toBe(2);
		expect(cursor.positionAt(99_000)).toBe(4);
	});

	it('feeds the plan figures, which follow the cursor once told what moved', () => {
		const { values, cursor } = replay();
		const figures = new PlanFigures(
			{
				families: [{ id: 'f', name: 'Bikes' }],
				items: [
					{ id: 'i1', family_id: 'f', sku: 'B-1', name: 'Road' },
					{ id: 'i2', family_id: 'f', sku: 'B-2', name: 'Gravel' }
				],
				periods: PERIODS
			},
			values.reader
		);
		expect(figures.total().consensus[0]).toBe(1);
		figures.invalidate(cursor.moveTo(1));
		expect(figures.total().consensus[0]).toBe(111);
	});

	it('leaves months outside the plan alone but still marks them', () => {
		const values = new ReplayValues(PERIODS.length, {});
		const cursor = new ReplayCursor(
			values,
			['i1:2030-01:consensus'],
			{ cell: [0], old: [1], new: [2], person: [0], at: [5] },
			PERIODS,
			1
		);
		expect(cursor.moveTo(0).size).toBe(0);
		cursor.moveTo(1);
		expect(cursor.markOf('i1:2030-01:consensus')).toBe(0);
	});
});

describe('rowsAt', () => {
	it('takes each cell’s value from its first later edit, an emptied cell included', () => {
		const rows = rowsAt({ 'i1:consensus': [5, 6, 7] }, PERIODS, [
			{ ownerId: 'i1', measure: 'consensus', period: '2027-02', old: null },
			{ ownerId: 'i2', measure: 'forecast', period: '2027-03', old: 9 },
			{ ownerId: 'i1', measure: 'consensus', period: '2031-01', old: 1 }
		]);
		expect(rows).toEqual({ 'i1:consensus': [5, null, 7], 'i2:forecast': [null, null, 9] });
	});
});
