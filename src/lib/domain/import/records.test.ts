import { describe, expect, it } from 'vitest';
import { MAX_PLAN_ITEMS } from '../item-list';
import { proposeMapping } from './layout';
import { MAX_IMPORT_VALUES, MAX_PROBLEMS, readRecords } from './records';
import type { Mapping, SheetCell, SheetRow } from './types';

const sheet = (...lines: SheetCell[][]): SheetRow[] =>
	lines.map((cells, i) => ({ line: i + 1, cells }));

const LONG: Mapping = {
	layout: 'long',
	headerLine: 1,
	columns: { family: 0, sku: 1, month: 2, measure: 3, value: 4 },
	months: [],
	measure: null,
	numberStyle: 'point'
};
const LONG_HEADER = ['Family', 'SKU', 'Month', 'Measure', 'Value'];

const WIDE: Mapping = {
	layout: 'wide',
	headerLine: 1,
	columns: { family: 0, sku: 1, measure: 2 },
	months: [
		{ column: 3, month: '2026-09' },
		{ column: 4, month: '2026-10' }
	],
	measure: null,
	numberStyle: 'comma'
};
const WIDE_HEADER = ['Family', 'SKU', 'Measure', 'Sep 26', 'Oct 26'];

const ITEMS: Mapping = {
	layout: 'items',
	headerLine: 1,
	columns: { family: 0, sku: 1, name: 2, price: 3, opening: 4, safety: 5, leadTime: 6 },
	months: [],
	measure: null,
	numberStyle: 'point',
	leadTimeUnit: 'weeks'
};
const ITEMS_HEADER = ['Family', 'SKU', 'Name', 'Price', 'Opening stock', 'Safety stock', 'LT (wk)'];

describe('readRecords: long', () => {
	it('reads one value a line, skipping blank lines and empty values, and names the items', () => {
		const records = readRecords(
			sheet(
				LONG_HEADER,
				[' Bikes ', ' B1 ', 'Sep 26', 'Sales forecast', '1,200.5'],
				[],
				['Bikes', 'B1', '2026-10', 'forecast', ''],
				['Bikes', 'B2', 46296, 'Marketing adjustment', -3],
				['Bikes', null, '2026-09', 'Capacity', '500']
			),
			LONG
		);
		expect(records.values).toEqual([
			{
				line: 2,
				column: 'Value',
				sku: 'B1',
				family: 'Bikes',
				month: '2026-09',
				measure: 'forecast',
				value: 1200.5
			},
			{
				line: 5,
				column: 'Value',
				sku: 'B2',
				family: 'Bikes',
				month: '2026-10',
				measure: 'marketing',
				value: -3
			},
			{
				line: 6,
				column: 'Value',
				sku: null,
				family: 'Bikes',
				month: '2026-09',
				measure: 'capacity',
				value: 500
			}
		]);
		expect(records.items).toEqual([
			{ line: 2, sku: 'B1', family: 'Bikes', name: null, leadTimeDays: null },
			{ line: 5, sku: 'B2', family: 'Bikes', name: null, leadTimeDays: null }
		]);
		expect(records.problems).toEqual([]);
		expect(records.skipped).toEqual([]);
	});

	it('takes the measure of the mapping when the file has no measure column', () => {
		const mapping: Mapping = {
			...LONG,
			columns: { sku: 0, month: 1, value: 2 },
			measure: 'actual'
		};
		const records = readRecords(sheet(['SKU', 'Month', 'Sales'], ['B1', '2026-09', 7]), mapping);
		expect(records.values).toMatchObject([
			{ sku: 'B1', family: null, measure: 'actual', value: 7 }
		]);
		expect(records.items).toEqual([]);
	});

	it('names text where a number belongs, a negative quantity and a month that is not one', () => {
		const records = readRecords(
			sheet(
				LONG_HEADER,
				['Bikes', 'B1', '2026-09', 'forecast', '12a'],
				['Bikes', 'B1', '2026-10', 'forecast', '-5'],
				['Bikes', 'B1', '01/09/2026', 'forecast', '5'],
				['Bikes', 'B1', '', 'forecast', '5']
			),
			LONG
		);
		expect(records.problems).toEqual([
			{ line: 2, column: 'Value', message: "'12a' is not a number." },
			{ line: 3, column: 'Value', message: "Sales forecast cannot be below zero: '-5'." },
			{ line: 4, column: 'Month', message: "'01/09/2026' is not a month." },
			{ line: 5, column: 'Month', message: 'The month is missing.' }
		]);
		expect(records.values).toEqual([]);
	});

	it('names an unknown measure with the known ones, and a line without a measure', () => {
		const records = readRecords(
			sheet(
				LONG_HEADER,
				['Bikes', 'B1', '2026-09', 'Forcast', '5'],
				['Bikes', 'B1', '2026-09', '', '5']
			),
			LONG
		);
		expect(records.problems).toHaveLength(2);
		expect(records.problems[0]).toMatchObject({ line: 2, column: 'Measure' });
		expect(records.problems[0].message).toMatch(
			/^'Forcast' is not a measure of this plan; known: Statistical baseline, Actual sales, Sales forecast, .*Budget revenue\.$/
		);
		expect(records.problems[1]).toEqual({
			line: 3,
			column: 'Measure',
			message: 'The measure is missing.'
		});
	});

	it('names both lines of a value given twice, for an item and for a family', () => {
		const records = readRecords(
			sheet(
				LONG_HEADER,
				['Bikes', 'A1', '2026-09', 'forecast', '5'],
				['Bikes', 'A2', '2026-09', 'forecast', '5'],
				['Bikes', null, '2026-09', 'capacity', '100'],
				['Bikes', 'a1', 'Sep 2026', 'Sales forecast', '6'],
				['Bikes', null, '2026-09', 'Capacity', '90']
			),
			LONG
		);
		expect(records.problems).toEqual([
			{
				line: 5,
				column: 'Value',
				message: 'SKU a1, 2026-09, Sales forecast appears on lines 2 and 5.'
			},
			{
				line: 6,
				column: 'Value',
				message: 'Family Bikes, 2026-09, Capacity appears on lines 4 and 6.'
			}
		]);
		expect(records.values).toHaveLength(3);
	});

	it('skips totals and computed measures, and counts the lines', () => {
		const records = readRecords(
			sheet(
				LONG_HEADER,
				['Bikes', null, '2026-09', 'forecast', '50'],
				['Plan total', null, '2026-09', 'forecast', '80'],
				[null, 'Total', '2026-09', 'forecast', '80'],
				['Bikes', 'B1', '2026-09', 'Revenue', '1000'],
				['Bikes', 'B1', '2026-09', 'Gross margin', '400'],
				['Bikes', 'B1', '2026-09', 'forecast', '50']
			),
			LONG
		);
		expect(records.problems).toEqual([]);
		expect(records.skipped).toEqual([
			{ reason: 'total lines (no SKU)', lines: 3 },
			{ reason: 'computed measures (e.g. Revenue)', lines: 2 }
		]);
		expect(records.values).toMatchObject([{ line: 7, sku: 'B1', value: 50 }]);
	});

	it('asks for a SKU where an item-level measure has neither SKU nor family, and a family for capacity', () => {
		const records = readRecords(
			sheet(
				LONG_HEADER,
				[null, null, '2026-09', 'forecast', '5'],
				[null, 'B1', '2026-09', 'capacity', '5']
			),
			LONG
		);
		expect(records.problems).toEqual([
			{ line: 2, column: 'SKU', message: 'The SKU is missing for Sales forecast.' },
			{
				line: 3,
				column: 'Family',
				message: 'Capacity is kept per family, and this line names no family.'
			}
		]);
	});

	it('refuses a SKU too long or with control characters, and an item in two families', () => {
		const records = readRecords(
			sheet(
				LONG_HEADER,
				['Bikes', 'X'.repeat(41), '2026-09', 'forecast', '5'],
				['Bikes', 'B\u00001', '2026-09', 'forecast', '5'],
				['Bikes', 'B1', '2026-09', 'forecast', '5'],
				['Parts', 'B1', '2026-10', 'forecast', '5']
			),
			LONG
		);
		expect(records.problems).toEqual([
			{ line: 2, column: 'SKU', message: 'The SKU is longer than 40 characters.' },
			{
				line: 3,
				column: 'SKU',
				message: 'Remove the control characters (such as tab) from the SKU.'
			},
			{
				line: 5,
				column: 'Family',
				message: 'SKU B1 is in family Bikes on line 4 and Parts on line 5.'
			}
		]);
	});
});

describe('readRecords: wide', () => {
	it('reads one value a month column, in the decimal comma of the file', () => {
		const records = readRecords(
			sheet(
				WIDE_HEADER,
				['Bikes', 'B1', 'Sales forecast', '1.234,5', null],
				['Bikes', 'B1', 'Production plan', 10, '  '],
				['Bikes', null, 'Capacity', '2000', '2000'],
				['Bikes', 'B1', 'Projected inventory', '1', '2']
			),
			WIDE
		);
		expect(records.problems).toEqual([]);
		expect(
			records.values.map((v) => [v.line, v.column, v.sku, v.month, v.measure, v.value])
		).toEqual([
			[2, 'Sep 26', 'B1', '2026-09', 'forecast', 1234.5],
			[3, 'Sep 26', 'B1', '2026-09', 'production', 10],
			[4, 'Sep 26', null, '2026-09', 'capacity', 2000],
			[4, 'Oct 26', null, '2026-10', 'capacity', 2000]
		]);
		expect(records.skipped).toEqual([
			{ reason: 'computed measures (e.g. Projected inventory)', lines: 1 }
		]);
	});

	it('names the month column of a bad value, and lets a family line without values pass', () => {
		const mapping: Mapping = { ...WIDE, columns: { family: 0, sku: 1 }, measure: 'forecast' };
		const records = readRecords(
			sheet(
				['Family', 'SKU', '', 'Sep 26', 'Oct 26'],
				['Bikes', null, null, null, null],
				['Bikes', 'B1', 'x', '3', '(4)']
			),
			mapping
		);
		expect(records.problems).toEqual([
			{ line: 3, column: 'Oct 26', message: "'(4)' is not a number." }
		]);
		expect(records.values).toMatchObject([{ line: 3, measure: 'forecast', value: 3 }]);
	});
});

describe('readRecords: items', () => {
	it('reads items with lead times in weeks and attributes for every month', () => {
		const records = readRecords(
			sheet(
				ITEMS_HEADER,
				['Bikes', 'B1', 'Road 56', '1,250.50', '12', null, '2'],
				['Parts', 'P1', null, null, null, '0', null]
			),
			ITEMS
		);
		expect(records.problems).toEqual([]);
		expect(records.items).toEqual([
			{ line: 2, sku: 'B1', family: 'Bikes', name: 'Road 56', leadTimeDays: 14 },
			{ line: 3, sku: 'P1', family: 'Parts', name: null, leadTimeDays: null }
		]);
		expect(records.values).toEqual([
			{
				line: 2,
				column: 'Price',
				sku: 'B1',
				family: 'Bikes',
				month: '',
				measure: 'price',
				value: 1250.5,
				everyMonth: true
			},
			{
				line: 2,
				column: 'Opening stock',
				sku: 'B1',
				family: 'Bikes',
				month: '',
				measure: 'opening',
				value: 12,
				everyMonth: true
			},
			{
				line: 3,
				column: 'Safety stock',
				sku: 'P1',
				family: 'Parts',
				month: '',
				measure: 'safety',
				value: 0,
				everyMonth: true
			}
		]);
	});

	it('names an item listed twice, a missing SKU, and bad numbers', () => {
		const records = readRecords(
			sheet(
				ITEMS_HEADER,
				['Bikes', 'B1', 'Road', '10', null, null, null],
				['Bikes', 'B1', 'Road again', '11', null, null, null],
				['Bikes', null, 'Nameless', '11', null, null, null],
				['Bikes', 'B2', 'Gravel', '-1', 'ten', null, '-2']
			),
			ITEMS
		);
		expect(records.problems).toEqual([
			{ line: 3, column: 'SKU', message: 'SKU B1 appears on lines 2 and 3.' },
			{ line: 4, column: 'SKU', message: 'The SKU is missing.' },
			{ line: 5, column: 'LT (wk)', message: "Lead time cannot be below zero: '-2'." },
			{ line: 5, column: 'Price', message: "Price cannot be below zero: '-1'." },
			{ line: 5, column: 'Opening stock', message: "'ten' is not a number." }
		]);
	});
});

describe('readRecords: limits', () => {
	it('lists the first problems and counts the rest', () => {
		const lines: SheetCell[][] = [LONG_HEADER];
		for (let i = 0; i < MAX_PROBLEMS + 20; i++)
			lines.push(['Bikes', `B${i}`, '2026-09', 'forecast', 'x']);
		const { problems } = readRecords(sheet(...lines), LONG);
		expect(problems).toHaveLength(MAX_PROBLEMS + 1);
		expect(problems.at(-1)).toEqual({ line: 0, column: null, message: 'and 20 more problems' });
	});

	it('stops at the most values a file may hold', () => {
		const months = Array.from({ length: 50 }, (_, i) => ({
			column: 2 + i,
			month: `${2030 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
		}));
		const mapping: Mapping = { ...WIDE, columns: { sku: 0, measure: 1 }, months };
		const lines: SheetCell[][] = [['SKU', 'Measure', ...months.map((m) => m.month)]];
		const per = MAX_IMPORT_VALUES / 50;
		for (let i = 0; i <= per; i++) lines.push([`S${i}`, 'forecast', ...months.map(() => 1)]);
		const records = readRecords(sheet(...lines), mapping);
		expect(records.values).toHaveLength(MAX_IMPORT_VALUES);
		expect(records.problems).toEqual([
			{
				line: per + 2,
				column: null,
				message: `A file may hold at most ${MAX_IMPORT_VALUES} values; reading stopped here.`
			}
		]);
	});

	it('stops at the most items a file may name', () => {
		const lines: SheetCell[][] = [ITEMS_HEADER];
		for (let i = 0; i <= MAX_PLAN_ITEMS; i++)
			lines.push(['Bikes', `B${i}`, null, null, null, null, null]);
		const records = readRecords(sheet(...lines), ITEMS);
		expect(records.items).toHaveLength(MAX_PLAN_ITEMS);
		expect(records.problems).toEqual([
			{
				line: MAX_PLAN_ITEMS + 2,
				column: null,
				message: `A file may name at most ${MAX_PLAN_ITEMS} items; reading stopped here.`
			}
		]);
	});
});

describe('proposeMapping and readRecords together', () => {
	it('read a semicolon CSV export from a German planning tool', () => {
		const rows = sheet(
			['Planning export'],
			['Product group', 'Article', 'Description', 'Key figure', 'Sep 26', 'Okt 26', 'Dez 26'],
			['Räder', 'R-100', 'Rennrad 56', 'Absatzplan', '1.200', '1.150', null],
			['Räder', 'R-100', 'Rennrad 56', 'Production plan', '1.000', '1.250,5', '900'],
			['Räder', null, null, 'Production plan', '1.000', '1.250', '900'],
			['Räder', null, null, 'Capacity', '2.000', '2.000', '2.000'],
			['Total', null, null, 'Production plan', '1.000', '1.250', '900']
		);
		const mapping = proposeMapping(rows, null, 'comma');
		expect(mapping).toMatchObject({ layout: 'wide', headerLine: 2, numberStyle: 'comma' });
		const records = readRecords(rows, mapping);
		expect(records.problems).toEqual([
			{
				line: 3,
				column: 'Key figure',
				message: expect.stringMatching(/^'Absatzplan' is not a measure of this plan; known: /)
			}
		]);
		expect(records.items).toEqual([
			{ line: 3, sku: 'R-100', family: 'Räder', name: 'Rennrad 56', leadTimeDays: null }
		]);
		expect(
			records.values.map((v) => [v.line, v.sku, v.family, v.month, v.measure, v.value])
		).toEqual([
			[4, 'R-100', 'Räder', '2026-09', 'production', 1000],
			[4, 'R-100', 'Räder', '2026-10', 'production', 1250.5],
			[4, 'R-100', 'Räder', '2026-12', 'production', 900],
			[6, null, 'Räder', '2026-09', 'capacity', 2000],
			[6, null, 'Räder', '2026-10', 'capacity', 2000],
			[6, null, 'Räder', '2026-12', 'capacity', 2000]
		]);
		expect(records.skipped).toEqual([{ reason: 'total lines (no SKU)', lines: 2 }]);
	});
});
