import { describe, expect, it } from 'vitest';
import type { Mapping } from '../domain/import/types.ts';
import { knownMonths, roleOf, withRole } from './mapping.ts';

const wide: Mapping = {
	layout: 'wide',
	headerLine: 1,
	columns: { family: 0 },
	months: [
		{ column: 2, month: '2027-01' },
		{ column: 3, month: '2027-02' }
	],
	measure: 'forecast',
	numberStyle: 'point'
};

describe('column roles', () => {
	it('reads each column’s role from the mapping', () => {
		expect([0, 1, 2].map((c) => roleOf(wide, c))).toEqual(['family', 'ignore', 'months']);
	});

	it('makes an unrecognised column the SKU and keeps everything else', () => {
		const fixed = withRole(wide, 1, 'sku');
		expect(fixed.columns).toEqual({ family: 0, sku: 1 });
		expect(fixed.months).toEqual(wide.months);
		expect(fixed.measure).toBe('forecast');
	});

	it('moves a field from its former column, which is then ignored', () => {
		const moved = withRole(wide, 1, 'family');
		expect(roleOf(moved, 1)).toBe('family');
		expect(roleOf(moved, 0)).toBe('ignore');
	});

	it('ignores a month column and brings it back with its month, in column order', () => {
		const ignored = withRole(wide, 2, 'ignore');
		expect(ignored.months).toEqual([{ column: 3, month: '2027-02' }]);
		expect(withRole(ignored, 2, 'months', '2027-01').months).toEqual(wide.months);
		expect(() => withRole(ignored, 2, 'months')).toThrow();
	});

	it('gives a month to one column only', () => {
		expect(withRole(wide, 1, 'months', '2027-01').months).toEqual([
			{ column: 1, month: '2027-01' },
			{ column: 3, month: '2027-02' }
		]);
	});

	it('turning a month column into a field drops it from the months', () => {
		const m = withRole(wide, 3, 'value');
		expect(m.months).toEqual([{ column: 2, month: '2027-01' }]);
		expect(m.columns.value).toBe(3);
	});
});

describe('knownMonths', () => {
	it('remembers the months of every mapping seen and of headers that are months', () => {
		const later = withRole(wide, 2, 'ignore');
		const known = knownMonths(
			['Family', 'Artikel', 'Jan 27', 'Feb 27', ' 2027-03 '],
			[wide, later]
		);
		expect([...known]).toEqual([
			[4, '2027-03'],
			[2, '2027-01'],
			[3, '2027-02']
		]);
	});
});
