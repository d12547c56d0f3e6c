import { describe, expect, it } from 'vitest';
import { historyImport, historyKey } from './history-changes.ts';
import type { ImportValue } from './types.ts';

const actual = (sku: string | null, month: string, value: number, line = 2): ImportValue => ({
	line,
	column: month,
	sku,
	family: null,
	month,
	measure: 'actual',
	value
});

describe('historyImport', () => {
	it('adds new months, overwrites changed ones and leaves equal ones alone', () => {
		const kept = new Map([
			[historyKey('A1', '2024-01'), 10],
			[historyKey('A1', '2024-02'), 12]
		]);
		const result = historyImport(
			[actual('A1', '2024-01', 10), actual('A1', '2024-02', 13), actual('B2', '2023-12', 4)],
			kept
		);
		expect(result.rows).toEqual([
			{ sku: 'A1', month: '2024-02', quantity: 13 },
			{ sku: 'B2', month: '2023-12', quantity: 4 }
		]);
		expect(result.summary).toEqual({
			added: 1,
			changed: 1,
			unchanged: 1,
			skus: 2,
			first: '2023-12',
			last: '2024-02'
		});
	});

	it('refuses other measures and lines without a SKU, naming the line', () => {
		const forecast = { ...actual('A1', '2024-01', 3, 5), measure: 'forecast' };
		const result = historyImport([forecast, actual(null, '2024-01', 1, 6)], new Map());
		expect(result.problems).toEqual([
			{
				line: 5,
				column: '2024-01',
				message: 'sales history holds actual sales only, not Sales forecast'
			},
			{ line: 6, column: '2024-01', message: 'sales history is kept per SKU; this line has none' }
		]);
		expect(result.rows).toEqual([]);
	});
});
