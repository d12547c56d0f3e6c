import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from './tsv';

describe('tsv', () => {
	it('reads a block copied from a spreadsheet', () => {
		expect(parseTsv('1\t2\t3\n4\t5\t6\n')).toEqual([
			['1', '2', '3'],
			['4', '5', '6']
		]);
		expect(parseTsv('1\t2\r\n3\t4\r\n')).toEqual([
			['1', '2'],
			['3', '4']
		]);
	});

	it('keeps empty cells and quoted cells', () => {
		expect(parseTsv('1\t\t3')).toEqual([['1', '', '3']]);
		expect(parseTsv('"1,200"\t"a\tb"')).toEqual([['1,200', 'a\tb']]);
	});

	it('round-trips what it writes', () => {
		const rows = [
			['1250', ''],
			['3.5', 'x\ty']
		];
		expect(parseTsv(toTsv(rows))).toEqual(rows);
	});

	it('reads nothing from empty text', () => {
		expect(parseTsv('')).toEqual([]);
	});
});
