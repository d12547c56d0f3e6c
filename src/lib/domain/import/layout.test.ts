import { describe, expect, it } from 'vitest';
import { mappingProblems, proposeMapping, rememberMapping } from './layout';
import type { Mapping, SheetCell, SheetRow } from './types';

const sheet = (...lines: SheetCell[][]): SheetRow[] =>
	lines.map((cells, i) => ({ line: i + 1, cells }));

const mapping = (m: Partial<Mapping>): Mapping => ({
	layout: 'long',
	headerLine: 1,
	columns: {},
	months: [],
	measure: null,
	numberStyle: 'point',
	...m
});

describe('proposeMapping', () => {
	it('reads a wide sheet under a title, with XLSX dates and serials as month headers', () => {
		const rows = sheet(
			['Forecast export, Sep 2026'],
			[],
			['Family', 'SKU', 'Measure', '2026-09-01', 46296, 'Nov 26', 'Note'],
			['Bikes', 'B1', 'Sales forecast', '1.234,5', '10', null, 'x']
		);
		expect(proposeMapping(rows)).toEqual({
			layout: 'wide',
			headerLine: 3,
			columns: { family: 0, sku: 1, measure: 2 },
			months: [
				{ column: 3, month: '2026-09' },
				{ column: 4, month: '2026-10' },
				{ column: 5, month: '2026-11' }
			],
			measure: null,
			numberStyle: 'comma'
		});
	});

	it('reads a long sheet, its numbers deciding the style over the hint', () => {
		const rows = sheet(
			['Item code', 'Period', 'Key figure', 'Qty'],
			['B1', 'Sep 26', 'forecast', '12.5']
		);
		expect(proposeMapping(rows, null, 'comma')).toMatchObject({
			layout: 'long',
			headerLine: 1,
			columns: { sku: 0, month: 1, measure: 2, value: 3 },
			months: [],
			numberStyle: 'point'
		});
	});

	it('reads a column named after a measure as the values of that measure', () => {
		const rows = sheet(['SKU', 'Month', 'Production plan'], ['B1', '2026-09', '40']);
		expect(proposeMapping(rows)).toMatchObject({
			layout: 'long',
			columns: { sku: 0, month: 1, value: 2 },
			measure: 'production'
		});
	});

	it('reads an item list, with the unit of its lead time', () => {
		const rows = sheet(
			['Family', 'SKU', 'Description', 'Unit price', 'Unit cost', 'On hand', 'Lead time (weeks)'],
			['Bikes', 'B1', 'Road', '1200,50', '800', '5', '2']
		);
		expect(proposeMapping(rows, null)).toEqual({
			layout: 'items',
			headerLine: 1,
			columns: { family: 0, sku: 1, name: 2, price: 3, cost: 4, opening: 5, leadTime: 6 },
			months: [],
			measure: null,
			numberStyle: 'comma',
			leadTimeUnit: 'weeks'
		});
	});

	it('takes "Item" for the SKU when no other column is', () => {
		const rows = sheet(['Item', 'Description', 'Price'], ['B1', 'Road', '12']);
		expect(proposeMapping(rows).columns).toEqual({ sku: 0, name: 1, price: 2 });
		const named = sheet(['SKU', 'Item', 'Family'], ['B1', 'Road', 'Bikes']);
		expect(proposeMapping(named).columns).toEqual({ sku: 0, name: 1, family: 2 });
	});

	it('takes the first non-empty line as the header when no line names columns', () => {
		const rows = sheet([null, ''], ['Artikel', 'Menge'], ['B1', '3']);
		expect(proposeMapping(rows)).toMatchObject({ headerLine: 2, columns: {}, layout: 'items' });
	});

	it('applies what was remembered before recognising names, and remembers a mapping', () => {
		const rows = sheet(
			['Artikelnummer', 'Warengruppe', 'Price', 'Jan 27', 'Feb 27'],
			['B1', 'Bikes', 'n/a', '3', '4']
		);
		const remembered = {
			columns: { artikelnummer: 'sku', warengruppe: 'family', price: 'measure' },
			measure: 'forecast'
		} as const;
		const proposed = proposeMapping(rows, { ...remembered, columns: { ...remembered.columns } });
		expect(proposed).toMatchObject({
			layout: 'wide',
			columns: { sku: 0, family: 1, measure: 2 },
			measure: null
		});
		const withoutMeasureColumn = proposeMapping(sheet(['Artikelnummer', 'Jan 27', 'Feb 27']), {
			columns: { artikelnummer: 'sku' },
			measure: 'forecast'
		});
		expect(withoutMeasureColumn).toMatchObject({ columns: { sku: 0 }, measure: 'forecast' });
		expect(rememberMapping(rows[0].cells, withoutMeasureColumn)).toEqual({
			columns: { artikelnummer: 'sku' },
			measure: 'forecast'
		});
		expect(
			rememberMapping(
				[' Art-Nr ', 'LT'],
				mapping({ columns: { sku: 0, leadTime: 1 }, leadTimeUnit: 'weeks' })
			)
		).toEqual({
			columns: { 'art-nr': 'sku', lt: 'leadTime' },
			measure: null,
			leadTimeUnit: 'weeks'
		});
	});

	it('ignores a remembered field that does not exist', () => {
		const rows = sheet(['Code', 'SKU', 'Price']);
		const remembered = { columns: { code: 'colour' }, measure: null } as never;
		expect(proposeMapping(rows, remembered).columns).toEqual({ sku: 1, price: 2 });
	});
});

describe('mappingProblems', () => {
	const messages = (m: Mapping) => mappingProblems(m).map((p) => p.message);

	it('accepts a readable mapping of each layout', () => {
		expect(
			mappingProblems(mapping({ columns: { sku: 0, month: 1, measure: 2, value: 3 } }))
		).toEqual([]);
		expect(
			mappingProblems(
				mapping({
					layout: 'wide',
					columns: { sku: 0 },
					months: [{ column: 1, month: '2026-09' }],
					measure: 'forecast'
				})
			)
		).toEqual([]);
		expect(mappingProblems(mapping({ layout: 'items', columns: { sku: 0 } }))).toEqual([]);
	});

	it('asks for a SKU column, unless a family-level measure is read by family', () => {
		expect(mappingProblems(mapping({ layout: 'items', columns: { family: 0 } }))).toEqual([
			{ line: 0, column: null, message: 'Choose the column that holds the SKU.' }
		]);
		expect(
			messages(mapping({ columns: { family: 0, month: 1, value: 2 }, measure: 'forecast' }))
		).toEqual([
			'Choose the column that holds the SKU. Only family-level measures (such as Capacity) can go without one, by family.'
		]);
		expect(
			messages(mapping({ columns: { family: 0, month: 1, value: 2 }, measure: 'capacity' }))
		).toEqual([]);
		expect(messages(mapping({ columns: { family: 0, month: 1, measure: 2, value: 3 } }))).toEqual(
			[]
		);
	});

	it('asks for the month, value and measure of a long file', () => {
		expect(messages(mapping({ columns: { sku: 0 } }))).toEqual([
			'Choose the column that holds the month.',
			'Choose the column that holds the value.',
			'Choose the column that names the measure, or the measure every value is.'
		]);
	});

	it('asks for months and a measure in a wide file', () => {
		expect(messages(mapping({ layout: 'wide', columns: { sku: 0 } }))).toEqual([
			'No column is a month: the header row should name one month a column, such as 2026-09 or Sep 2026.',
			'Choose the column that names the measure, or the measure every value is.'
		]);
	});

	it('refuses a computed or unknown measure, and a column chosen twice', () => {
		expect(
			messages(
				mapping({
					layout: 'wide',
					columns: { sku: 0, family: 1 },
					months: [{ column: 1, month: '2026-09' }],
					measure: 'revenue'
				})
			)
		).toEqual([
			'Revenue is computed from other measures; choose a measure to import.',
			'Column B is chosen as both family and 2026-09.'
		]);
		expect(messages(mapping({ columns: { sku: 0, month: 1, value: 2 }, measure: 'x' }))).toEqual([
			"'x' is not a measure of this plan."
		]);
	});
});
