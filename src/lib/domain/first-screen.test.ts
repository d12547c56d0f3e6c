import { describe, expect, it } from 'vitest';
import { FIRST_SCREEN_ROWS, firstScreenScopes } from './first-screen';
import { gridRows, scopeId } from './grid-rows';

const families = [
	{ id: 'f1', name: 'Bikes' },
	{ id: 'f2', name: 'Parts' }
];
const items = Array.from({ length: 40 }, (_, i) => ({
	id: `i${i}`,
	family_id: i < 20 ? 'f1' : 'f2',
	sku: `S${i}`,
	name: `Item ${i}`
}));

describe('firstScreenScopes', () => {
	it('names the plan, then the owners of the first rows in the order the grid shows them', () => {
		const scopes = firstScreenScopes(families, items).map(scopeId);
		const rows = gridRows(families, items);
		expect(scopes.slice(0, 3)).toEqual(['total', 'f1', 'i0']);
		// Every owner of the first rows, each once, and none below them.
		const expected = [...new Set(rows.slice(0, FIRST_SCREEN_ROWS).map((r) => scopeId(r.scope)))];
		expect(scopes).toEqual(expected);
		expect(scopes).not.toContain('f2');
	});
});
