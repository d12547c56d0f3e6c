import { describe, expect, it } from 'vitest';
import { INPUT_MEASURES } from '../measures';
import { compareScenarios, rowsThatDiffer } from './compare';
import { compareCell, compareRows } from './compare-rows';
import { cellsOf, readerOf, shape } from './test-plan';

const base = cellsOf({ a: { consensus: [10, 10] }, c: { consensus: [5] } });
const comparison = compareScenarios(shape, readerOf(base), [
	{
		id: 's1',
		name: 'Promotion',
		changes: new Map([
			['a:2027-01:consensus', 20],
			['f2:2027-02:capacity', 30]
		])
	}
]);
const differing = rowsThatDiffer(comparison.cells);
const ITEM_MEASURE_COUNT = INPUT_MEASURES.filter((m) => m.level === 'item').length;

describe('compareRows', () => {
	it('keeps only the rows a scenario changes, in the plan’s order, named for a person', () => {
		const rows = compareRows(shape.families, shape.items, { only: differing, familyId: '' });
		expect(rows.map((r) => [r.key, r.owner, r.measure.label])).toEqual([
			['a:consensus', 'A-1 Road bike', 'Consensus demand'],
			['f2:capacity', 'Parts', 'Capacity']
		]);
	});

	it('lists every typed row of every item and family when not filtered', () => {
		const rows = compareRows(shape.families, shape.items, { only: null, familyId: '' });
		expect(rows).toHaveLength(2 + 3 * ITEM_MEASURE_COUNT);
		expect(rows[0].key).toBe('f1:capacity');
		expect(rows[1].key).toBe('a:baseline');
	});

	it('narrows to one family', () => {
		const rows = compareRows(shape.families, shape.items, { only: differing, familyId: 'f1' });
		expect(rows.map((r) => r.key)).toEqual(['a:consensus']);
		const all = compareRows(shape.families, shape.items, { only: null, familyId: 'f2' });
		expect(new Set(all.map((r) => r.ownerId))).toEqual(new Set(['f2', 'c']));
	});

	it('gives nothing when no scenario changes anything', () => {
		expect(compareRows(shape.families, shape.items, { only: new Set(), familyId: '' })).toEqual([]);
	});
});

describe('compareCell', () => {
	const [row] = compareRows(shape.families, shape.items, { only: differing, familyId: '' });
	const planValue = (key: string) => base.get(key) ?? null;

	it('shows a changed cell’s plan value, scenario values and differences', () => {
		expect(compareCell(comparison.cells, row, '2027-01', planValue)).toEqual({
			plan: 10,
			compared: { plan: 10, values: [20], differences: [10] }
		});
	});

	it('shows the plan’s own value where no scenario changed the cell', () => {
		expect(compareCell(comparison.cells, row, '2027-02', planValue)).toEqual({
			plan: 10,
			compared: null
		});
		expect(compareCell(comparison.cells, row, '2027-03', planValue)).toEqual({
			plan: null,
			compared: null
		});
	});
});
