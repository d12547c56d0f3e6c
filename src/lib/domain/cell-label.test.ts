import { describe, expect, it } from 'vitest';
import { cellLabel, cellValueText, rowNames } from './cell-label.ts';
import { cellKey, INPUT_MEASURES } from './measures.ts';

describe('cell labels', () => {
	const names = rowNames([{ id: 'f1', name: 'Bikes' }], [{ id: 'i1', sku: 'B-1', name: 'Road' }]);
	const m = INPUT_MEASURES[0];

	it('names a cell by row, measure and month', () => {
		expect(cellLabel(cellKey('i1', '2026-03', m.id), names)).toMatch(
			new RegExp(`^B-1 Road · ${m.label} · .+`)
		);
		expect(cellLabel(cellKey('gone', '2026-03', m.id), names)).toContain('a removed row');
	});

	it('writes an empty cell as empty and a value in its format', () => {
		expect(cellValueText(cellKey('i1', '2026-03', m.id), null)).toBe('empty');
		expect(cellValueText(cellKey('i1', '2026-03', m.id), 12)).toMatch(/12/);
	});

	it('names rows as the grid does, and marks families where a list mixes them with items', () => {
		const families = [{ id: 'f1', name: 'Bikes' }];
		const items = [{ id: 'i1', sku: 'B-1', name: 'Road' }];
		expect(rowNames(families, items)).toEqual({ f1: 'Bikes', i1: 'B-1 Road' });
		expect(rowNames(families, items, { markFamilies: true })).toEqual({
			f1: 'Bikes (family)',
			i1: 'B-1 Road'
		});
	});
});
