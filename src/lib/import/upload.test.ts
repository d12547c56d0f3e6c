import { describe, expect, it } from 'vitest';
import type { Mapping } from '../domain/import/types.ts';
import { importUrl } from './upload.ts';

const mapping: Mapping = {
	layout: 'wide',
	headerLine: 1,
	columns: { sku: 0 },
	months: [{ column: 1, month: '2027-01' }],
	measure: 'forecast',
	numberStyle: 'comma'
};

describe('importUrl', () => {
	it('names the file and an empty sheet, and no mapping on the first upload', () => {
		const url = new URL(
			importUrl('p 1', 'plan & co.csv', { sheet: null, mapping: null }, false),
			'http://x'
		);
		expect(url.pathname).toBe('/plans/p%201/import/file');
		expect([...url.searchParams]).toEqual([
			['name', 'plan & co.csv'],
			['sheet', '']
		]);
	});

	it('carries the sheet, the edited mapping as JSON, and apply', () => {
		const url = new URL(
			importUrl('p1', 'a.xlsx', { sheet: 'Forecast', mapping }, true),
			'http://x'
		);
		expect(url.searchParams.get('sheet')).toBe('Forecast');
		expect(JSON.parse(url.searchParams.get('mapping')!)).toEqual(mapping);
		expect(url.searchParams.get('apply')).toBe('1');
	});
});
