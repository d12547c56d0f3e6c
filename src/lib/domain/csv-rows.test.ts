import { describe, expect, it } from 'vitest';
import { csvRows, detectDelimiter } from './csv-rows.ts';

describe('csvRows', () => {
	it('numbers rows by the line they start on, counting line breaks inside quotes', () => {
		const rows = csvRows('a,b\n"two\nlines",c\nd,e', ',');
		expect(rows).toEqual([
			{ line: 1, cells: ['a', 'b'] },
			{ line: 2, cells: ['two\nlines', 'c'] },
			{ line: 4, cells: ['d', 'e'] }
		]);
	});
});

describe('detectDelimiter', () => {
	it('finds the separator that splits the lines alike', () => {
		expect(detectDelimiter('sku,month,value\nB-1,2027-01,5')).toBe(',');
		expect(detectDelimiter('sku;month;value\nB-1;2027-01;5,5')).toBe(';');
		expect(detectDelimiter('sku\tmonth\tvalue\nB-1\t2027-01\t5,5')).toBe('\t');
	});

	it('prefers semicolons to the decimal commas of a European file', () => {
		expect(detectDelimiter('sku;value\nB-1;1,5\nB-2;2,5')).toBe(';');
	});

	it('falls back to comma when nothing splits', () => {
		expect(detectDelimiter('just one column\nand another line')).toBe(',');
	});
});
