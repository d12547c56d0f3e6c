import { describe, expect, it } from 'vitest';
import { MEASURES } from '../measures';
import { columnName, measureFromText, recogniseColumn } from './columns';

describe('recogniseColumn', () => {
	it('knows the names people give each field, however cased and punctuated', () => {
		const cases: [string, string][] = [
			['SKU', 'sku'],
			['Item code', 'sku'],
			['item_code', 'sku'],
			['Article', 'sku'],
			['Material', 'sku'],
			['Product Code', 'sku'],
			['Part number', 'sku'],
			['Family', 'family'],
			['Product family', 'family'],
			['PRODUCT GROUP', 'family'],
			['Category', 'family'],
			['Name', 'name'],
			['Item name', 'name'],
			['Description', 'name'],
			['Month', 'month'],
			['Period', 'month'],
			['Date', 'month'],
			['Measure', 'measure'],
			['Key figure', 'measure'],
			['KPI', 'measure'],
			['Value', 'value'],
			['Quantity', 'value'],
			['Qty.', 'value'],
			['Amount', 'value'],
			['Unit price', 'price'],
			['Price', 'price'],
			['Unit cost', 'cost'],
			['Cost', 'cost'],
			['Standard cost', 'cost'],
			['Opening stock', 'opening'],
			['Opening inventory', 'opening'],
			['On hand', 'opening'],
			['Stock', 'opening'],
			['Safety stock', 'safety'],
			['Safety-stock target', 'safety']
		];
		for (const [header, field] of cases) expect(recogniseColumn(header), header).toEqual({ field });
	});

	it('reads the unit of a lead time', () => {
		expect(recogniseColumn('Lead time')).toEqual({ field: 'leadTime', leadTimeUnit: 'days' });
		expect(recogniseColumn('Lead time (days)')).toEqual({
			field: 'leadTime',
			leadTimeUnit: 'days'
		});
		expect(recogniseColumn('Lead time (weeks)')).toEqual({
			field: 'leadTime',
			leadTimeUnit: 'weeks'
		});
		expect(recogniseColumn('LT, wks')).toEqual({ field: 'leadTime', leadTimeUnit: 'weeks' });
	});

	it('reads months and measures, and nothing from other text', () => {
		expect(recogniseColumn('Sep 26')).toEqual({ month: '2026-09' });
		expect(recogniseColumn('2026-09-01')).toEqual({ month: '2026-09' });
		expect(recogniseColumn('Sales forecast')).toEqual({ measure: 'forecast' });
		expect(recogniseColumn('forecast')).toEqual({ measure: 'forecast' });
		expect(recogniseColumn('Production plan')).toEqual({ measure: 'production' });
		expect(recogniseColumn('Capacity')).toEqual({ measure: 'capacity' });
		expect(recogniseColumn('Comments')).toBeNull();
		expect(recogniseColumn('  ')).toBeNull();
		expect(recogniseColumn('constructor')).toBeNull();
	});
});

describe('measureFromText', () => {
	it('knows every measure by id and by label, in any case', () => {
		for (const m of MEASURES) {
			expect(measureFromText(m.id.toUpperCase()), m.id).toBe(m.id);
			expect(measureFromText(` ${m.label.toLowerCase()} `), m.label).toBe(m.id);
		}
	});

	it('knows the usual other names', () => {
		const cases: [string, string][] = [
			['Baseline', 'baseline'],
			['Statistical forecast', 'baseline'],
			['Actuals', 'actual'],
			['Sales', 'actual'],
			['Actual sales', 'actual'],
			['Consensus', 'consensus'],
			['Production', 'production'],
			['Receipts', 'receipts'],
			['Purchases', 'receipts'],
			['Opening stock', 'opening'],
			['Safety stock', 'safety'],
			['Price', 'price'],
			['Unit cost', 'cost'],
			['Cost', 'cost'],
			['Budget', 'budget'],
			['Revenue', 'revenue'],
			['Margin %', 'marginPct'],
			['Gross margin', 'margin'],
			['Supply - demand', 'gap']
		];
		for (const [text, id] of cases) expect(measureFromText(text), text).toBe(id);
		expect(measureFromText('Forcast')).toBeNull();
	});
});

describe('columnName', () => {
	it('is the header text, or the column letter when there is none', () => {
		const header = ['SKU', '', null, 'Sep 26'];
		expect([0, 1, 2, 3, 25, 26, 27, 701, 702].map((c) => columnName(header, c))).toEqual([
			'SKU',
			'B',
			'C',
			'Sep 26',
			'Z',
			'AA',
			'AB',
			'ZZ',
			'AAA'
		]);
	});
});
