import { describe, expect, it } from 'vitest';
import {
	changesCount,
	effectiveChanges,
	hasHistory,
	inGridOrder,
	isEditKind,
	kindLabel,
	mergeChanges,
	type ChangesView,
	type MapChanges
} from './cell-history.ts';
import { measure } from './measures.ts';

const periods = ['2027-01', '2027-02', '2027-03'];
const index = new Map(periods.map((p, i) => [p, i]));

function state(cells: Record<string, number | null>, base: Record<string, (number | null)[]>) {
	return {
		edit: (key: string) => (key in cells ? cells[key] : undefined),
		baseRow: (row: string) => base[row]
	};
}

const changes = (
	cells: [string, { had: boolean; old: number | null }][] = [],
	base: [string, (number | null)[] | undefined][] = []
): MapChanges => ({ cells: new Map(cells), base: new Map(base) });

describe('effectiveChanges', () => {
	it('reads a new edit against the base month it hides', () => {
		const out = effectiveChanges(
			changes([['i1:2027-02:forecast', { had: false, old: null }]]),
			state({ 'i1:2027-02:forecast': 7 }, { 'i1:forecast': [1, 2, 3] }),
			periods,
			index
		);
		expect(out).toEqual([
			{ ownerId: 'i1', measure: 'forecast', period: '2027-02', old: 2, new: 7 }
		]);
	});

	it('reads a removed edit as the base value showing again, and a cleared one as empty', () => {
		const out = effectiveChanges(
			changes([
				['i1:2027-01:forecast', { had: true, old: 9 }],
				['i1:2027-03:forecast', { had: true, old: 4 }]
			]),
			state({ 'i1:2027-03:forecast': null }, { 'i1:forecast': [1, 2, 3] }),
			periods,
			index
		);
		expect(out.map((c) => [c.period, c.old, c.new])).toEqual([
			['2027-01', 9, 1],
			['2027-03', 4, null]
		]);
	});

	it('counts the base months a row write changed, except under an edit and where equal', () => {
		const out = effectiveChanges(
			changes([], [['i1:forecast', [1, 2, 3]]]),
			state({ 'i1:2027-01:forecast': 5 }, { 'i1:forecast': [8, 2, null] }),
			periods,
			index
		);
		expect(out.map((c) => [c.period, c.old, c.new])).toEqual([['2027-03', 3, null]]);
	});

	it('takes the base before the transaction for an edit made in the same transaction', () => {
		const out = effectiveChanges(
			changes([['i1:2027-01:forecast', { had: false, old: null }]], [['i1:forecast', undefined]]),
			state({ 'i1:2027-01:forecast': 4 }, { 'i1:forecast': [1, 2, 3] }),
			periods,
			index
		);
		expect(out.map((c) => [c.period, c.old, c.new])).toEqual([
			['2027-01', null, 4],
			['2027-02', null, 2],
			['2027-03', null, 3]
		]);
	});

	it('skips edits to what the cell already showed and keys outside the months', () => {
		const out = effectiveChanges(
			changes([
				['i1:2027-02:forecast', { had: false, old: null }],
				['i1:2030-01:forecast', { had: false, old: null }],
				['nonsense', { had: false, old: null }]
			]),
			state({ 'i1:2027-02:forecast': 2, 'i1:2030-01:forecast': 1 }, { 'i1:forecast': [1, 2, 3] }),
			periods,
			index
		);
		expect(out).toEqual([]);
	});
});

describe('kinds', () => {
	it('knows the kinds a browser may announce', () => {
		expect(isEditKind('pasted')).toBe(true);
		expect(isEditKind('import')).toBe(false);
		expect(isEditKind('')).toBe(false);
	});

	it('says how a change was made, with the size of multi-cell edits', () => {
		expect(kindLabel('typed', 1)).toBe('typed');
		expect(kindLabel('pasted', 12)).toBe('pasted (12 cells)');
		expect(kindLabel('spread', 4)).toBe('spread from a family total (4 cells)');
		expect(kindLabel('import', 2500)).toBe('imported (2,500 cells)');
		expect(kindLabel('scenario', 3)).toBe('merged from a scenario');
		expect(kindLabel('forecast', 30)).toBe('from the forecast');
		expect(kindLabel('undo', 1)).toBe('undone');
		expect(kindLabel('edit', 1)).toBe('edited');
	});
});

describe('hasHistory', () => {
	it('is true for stored cells only', () => {
		expect(hasHistory('item', measure('forecast')!)).toBe(true);
		expect(hasHistory('family', measure('forecast')!)).toBe(false);
		expect(hasHistory('family', measure('capacity')!)).toBe(true);
		expect(hasHistory('item', measure('inventory')!)).toBe(false);
		expect(hasHistory('total', measure('price')!)).toBe(false);
	});
});

describe('changed cells', () => {
	const cell = (ownerId: string, measureId: string, period: string) => ({
		ownerId,
		measureId,
		period
	});

	it('orders changed cells as the grid shows them and counts the hidden ones', () => {
		const rowIndex = new Map([
			['i1:forecast', 0],
			['i2:forecast', 3]
		]);
		const out = inGridOrder(
			[
				cell('i2', 'forecast', '2027-01'),
				cell('i1', 'forecast', '2027-03'),
				cell('i9', 'forecast', '2027-01'),
				cell('i1', 'forecast', '2027-01')
			],
			rowIndex,
			periods
		);
		expect(out.shown.map((c) => `${c.ownerId} ${c.period}`)).toEqual([
			'i1 2027-01',
			'i1 2027-03',
			'i2 2027-01'
		]);
		expect(out.hidden).toBe(1);
	});

	it('counts in words', () => {
		expect(changesCount(1)).toBe('1 cell changed');
		expect(changesCount(1234)).toBe('1,234 cells changed');
	});
});

describe('mergeChanges', () => {
	const changed = (period: string, edits: number, lastUserName: string) => ({
		ownerId: 'i1',
		measureId: 'forecast',
		period,
		edits,
		lastAt: `2027-01-01T00:0${edits}:00.000Z`,
		lastUserName
	});
	const earlier: ChangesView = {
		since: '2027-01-01T00:00:00.000Z',
		total: 2,
		cells: [changed('2027-02', 1, 'Lee'), changed('2027-01', 2, 'Sam')],
		lastId: 10
	};

	it('adds the newer edits to the cells they changed again and puts those first', () => {
		const newer: ChangesView = {
			since: earlier.since,
			total: 2,
			cells: [changed('2027-03', 1, 'Fay'), changed('2027-01', 1, 'Fay')],
			lastId: 14
		};
		expect(mergeChanges(earlier, newer)).toEqual({
			since: earlier.since,
			total: 3,
			cells: [
				changed('2027-03', 1, 'Fay'),
				{ ...changed('2027-01', 1, 'Fay'), edits: 3 },
				changed('2027-02', 1, 'Lee')
			],
			lastId: 14
		});
	});

	it('nothing new leaves the list as it was', () => {
		const none: ChangesView = { since: earlier.since, total: 0, cells: [], lastId: 10 };
		expect(mergeChanges(earlier, none)).toEqual(earlier);
	});

	it('a list cut at the cap cannot be merged: it is fetched whole', () => {
		const cut: ChangesView = { ...earlier, total: 7000 };
		expect(mergeChanges(cut, { ...earlier, lastId: 12 })).toBeNull();
	});
});
