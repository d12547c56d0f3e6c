import { describe, expect, it } from 'vitest';
import { writesFor, type WriteContext } from './cell-writes';
import type { GridRow } from './grid-rows';
import { measure } from './measures';

const items = [
	{ id: 'a', family_id: 'f', sku: 'A', name: 'A' },
	{ id: 'b', family_id: 'f', sku: 'B', name: 'B' }
];
const family = { id: 'f', name: 'Bikes' };
const cells: Record<string, number> = { 'a:2027-01:forecast': 10, 'b:2027-01:forecast': 30 };
const ctx: WriteContext = {
	periods: ['2027-01', '2027-02'],
	access: { role: 'editor', fn: 'sales' },
	itemsOf: () => items,
	read: (_step, key) => cells[key]
};
const row = (scope: GridRow['scope'], id: string): GridRow => ({
	scope,
	measure: measure(id)!,
	first: false
});

describe('writesFor', () => {
	it('writes an item cell in its step document', () => {
		expect(writesFor(row({ kind: 'item', item: items[0] }, 'forecast'), 1, 7, ctx)).toEqual({
			ok: true,
			writes: [{ step: 1, key: 'a:2027-02:forecast', value: 7 }]
		});
	});

	it('spreads a family total over its items in proportion', () => {
		expect(
			writesFor(row({ kind: 'family', family, itemCount: 2 }, 'forecast'), 0, 100, ctx)
		).toEqual({
			ok: true,
			writes: [
				{ step: 1, key: 'a:2027-01:forecast', value: 25 },
				{ step: 1, key: 'b:2027-01:forecast', value: 75 }
			]
		});
	});

	it('spreads evenly where the items have no values yet, and clears them all', () => {
		const family2 = row({ kind: 'family', family, itemCount: 2 }, 'consensus');
		expect(writesFor(family2, 1, 9, ctx)).toMatchObject({
			ok: true,
			writes: [{ value: 5 }, { value: 4 }]
		});
		expect(writesFor(family2, 1, null, ctx)).toMatchObject({
			ok: true,
			writes: [{ value: null }, { value: null }]
		});
	});

	it('refuses with the reason the cell cannot take a value', () => {
		expect(writesFor(row({ kind: 'item', item: items[0] }, 'production'), 0, 5, ctx)).toMatchObject(
			{
				ok: false,
				error: expect.stringContaining('step 2')
			}
		);
		expect(writesFor(row({ kind: 'total' }, 'forecast'), 0, 5, ctx)).toMatchObject({ ok: false });
	});
});
