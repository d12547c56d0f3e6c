import { describe, expect, it } from 'vitest';
import { gridRows } from './grid-rows';
import { MEASURES } from './measures';

describe('gridRows', () => {
	const families = [
		{ id: 'f1', name: 'Bikes' },
		{ id: 'f2', name: 'Parts' }
	];
	const items = [
		{ id: 'i1', family_id: 'f1', sku: 'B1', name: 'Bike 1' },
		{ id: 'i2', family_id: 'f2', sku: 'P1', name: 'Part 1' },
		{ id: 'i3', family_id: 'f1', sku: 'B2', name: 'Bike 2' },
		{ id: 'i4', family_id: 'gone', sku: 'X', name: 'Orphan' }
	];

	it('groups items under their family with one row per measure', () => {
		const rows = gridRows(families, items, MEASURES.slice(0, 2));
		expect(
			rows.map((r) =>
				r.kind === 'family'
					? `# ${r.family.name} (${r.itemCount})`
					: `${r.item.sku}.${r.measure.id}`
			)
		).toEqual([
			'# Bikes (2)',
			'B1.baseline',
			'B1.forecast',
			'B2.baseline',
			'B2.forecast',
			'# Parts (1)',
			'P1.baseline',
			'P1.forecast'
		]);
	});

	it('marks the first measure row of each item', () => {
		const rows = gridRows(families, items, MEASURES.slice(0, 2)).filter(
			(r) => r.kind === 'measure'
		);
		expect(rows.map((r) => r.kind === 'measure' && r.firstOfItem)).toEqual([
			true,
			false,
			true,
			false,
			true,
			false
		]);
	});
});
