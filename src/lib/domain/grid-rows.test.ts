import { describe, expect, it } from 'vitest';
import { gridRows, type GridRow } from './grid-rows';

const families = [
	{ id: 'f1', name: 'Bikes' },
	{ id: 'f2', name: 'Parts' }
];
const items = [
	{ id: 'i1', family_id: 'f1', sku: 'B1', name: 'Road bike' },
	{ id: 'i2', family_id: 'f2', sku: 'P1', name: 'Chain' },
	{ id: 'i3', family_id: 'f1', sku: 'B2', name: 'Gravel bike' },
	{ id: 'i4', family_id: 'gone', sku: 'X', name: 'Orphan' }
];
const shown = new Set(['forecast', 'capacity']);
const label = (r: GridRow) =>
	`${r.scope.kind === 'total' ? 'Total' : r.scope.kind === 'family' ? r.scope.family.name : r.scope.item.sku}.${r.measure.id}`;

describe('gridRows', () => {
	it('shows the plan total, then each family total with its items', () => {
		expect(gridRows(families, items, { shown }).map(label)).toEqual([
			'Total.forecast',
			'Total.capacity',
			'Bikes.forecast',
			'Bikes.capacity',
			'B1.forecast',
			'B2.forecast',
			'Parts.forecast',
			'Parts.capacity',
			'P1.forecast'
		]);
	});

	it('marks the first row of each block', () => {
		const rows = gridRows(families, items, { shown });
		expect(rows.filter((r) => r.first).map(label)).toEqual([
			'Total.forecast',
			'Bikes.forecast',
			'B1.forecast',
			'B2.forecast',
			'Parts.forecast',
			'P1.forecast'
		]);
	});

	it('hides the items of collapsed families but keeps their totals', () => {
		const rows = gridRows(families, items, { shown, collapsed: new Set(['f1']) });
		expect(rows.map(label)).not.toContain('B1.forecast');
		expect(rows.map(label)).toContain('Bikes.forecast');
	});

	it('filters items by text and drops families left empty and the plan total', () => {
		expect(
			gridRows(families, items, { shown: new Set(['forecast']), text: 'grav' }).map(label)
		).toEqual(['Bikes.forecast', 'B2.forecast']);
	});

	it('filters by family and by an item predicate', () => {
		expect(
			gridRows(families, items, { shown: new Set(['forecast']), familyId: 'f2' }).map(label)
		).toEqual(['Parts.forecast', 'P1.forecast']);
		const flagged = gridRows(families, items, {
			shown: new Set(['forecast']),
			itemFilter: (i) => i.id === 'i1'
		});
		expect(flagged.map(label)).toEqual(['Bikes.forecast', 'B1.forecast']);
	});
});
