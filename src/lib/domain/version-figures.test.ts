import { describe, expect, it } from 'vitest';
import { versionFigures } from './version-figures.ts';

describe('versionFigures', () => {
	it('computes derived figures and flags from the typed rows a version holds', () => {
		const figures = versionFigures({
			plan: { name: 'Plan' },
			periods: ['2027-01', '2027-02'],
			families: [{ id: 'f', name: 'Bikes' }],
			items: [{ id: 'i', family_id: 'f', sku: 'B-1', name: 'Road' }],
			rows: {
				i: { consensus: [10, 30], production: [5, 5], opening: [10, null], inventory: [99, 99] },
				f: { capacity: [4, null] }
			}
		});
		// Stored derived values are not read: inventory rolls on from the inputs.
		expect([...figures.item('i').inventory]).toEqual([5, -20]);
		expect(figures.flags(figures.item('i'), 1)).toContain('stockout');
		expect(figures.family('f').utilisation[0]).toBe(5 / 4);
	});
});
