import { describe, expect, it } from 'vitest';
import { detectNumberStyle, isBlank, parseNumber } from './numbers';
import type { SheetRow } from './types';

const sheet = (...lines: (string | number | null)[][]): SheetRow[] =>
	lines.map((cells, i) => ({ line: i + 1, cells }));

describe('parseNumber', () => {
	it('reads decimal-point text with or without thousands', () => {
		expect(parseNumber('1234.5', 'point')).toBe(1234.5);
		expect(parseNumber('1,234.5', 'point')).toBe(1234.5);
		expect(parseNumber('1,234,567', 'point')).toBe(1234567);
		expect(parseNumber("1'234.5", 'point')).toBe(1234.5);
		expect(parseNumber('1.5E+03', 'point')).toBe(1500);
		expect(parseNumber(' 0.25 ', 'point')).toBe(0.25);
	});

	it('reads decimal-comma text with dots or spaces (also no-break) as thousands', () => {
		expect(parseNumber('1234,5', 'comma')).toBe(1234.5);
		expect(parseNumber('1.234,5', 'comma')).toBe(1234.5);
		expect(parseNumber('1 234,5', 'comma')).toBe(1234.5);
		expect(parseNumber('1\u00a0234,5', 'comma')).toBe(1234.5);
		expect(parseNumber('1\u202f234\u202f567,25', 'comma')).toBe(1234567.25);
		expect(parseNumber('1.234', 'comma')).toBe(1234);
	});

	it('reads a leading minus, and integers the same in both styles', () => {
		expect(parseNumber('-12', 'point')).toBe(-12);
		expect(parseNumber('-12', 'comma')).toBe(-12);
		expect(parseNumber('\u22121,5', 'comma')).toBe(-1.5);
		expect(parseNumber('-1,234.5', 'point')).toBe(-1234.5);
	});

	it('passes numbers through and refuses what is not a number', () => {
		expect(parseNumber(42.5, 'comma')).toBe(42.5);
		expect(parseNumber(Number.NaN, 'point')).toBeNull();
		for (const text of ['12a', '(12)', '12%', '1,2,3', '1,23.4', '1.234,5', '', 'n/a']) {
			expect(parseNumber(text, 'point'), text).toBeNull();
		}
		expect(parseNumber('1,234.5', 'comma')).toBeNull();
		expect(parseNumber(null, 'point')).toBeNull();
	});

	it('knows a blank cell', () => {
		expect([null, '', '  ', 0, '0'].map(isBlank)).toEqual([true, true, true, false, false]);
	});
});

describe('detectNumberStyle', () => {
	it('decides decimal comma from a cell only it can read, naming the cell and line', () => {
		const rows = sheet(['SKU', 'Sep 26'], ['A1', '12'], ['A2', '1,234'], ['A3', '1.234,5']);
		expect(detectNumberStyle(rows, 2)).toEqual({
			style: 'comma',
			reason: 'Decimal comma: 1.234,5 on line 4'
		});
		expect(detectNumberStyle(sheet(['x'], ['1 234,5']), 2).style).toBe('comma');
		expect(detectNumberStyle(sheet(['x'], ['1234,5']), 2).style).toBe('comma');
	});

	it('decides decimal point the same way', () => {
		expect(detectNumberStyle(sheet(['x'], ['1,234.5']), 2)).toEqual({
			style: 'point',
			reason: 'Decimal point: 1,234.5 on line 2'
		});
		expect(detectNumberStyle(sheet(['x'], ['1234.5']), 1).style).toBe('point');
		expect(detectNumberStyle(sheet(['x'], ['1,234,567']), 1).style).toBe('point');
	});

	it('lets more cells win over a stray one, and says so', () => {
		const rows = sheet(['2,5'], ['3,75'], ['1.5']);
		expect(detectNumberStyle(rows, 1)).toEqual({
			style: 'comma',
			reason: 'Decimal comma: 2,5 on line 1 (1 of 3 numbers read otherwise)'
		});
	});

	it('falls back to the hint, then to a point, when only ambiguous cells exist', () => {
		const rows = sheet(['SKU', 'Value'], ['A1', '1,234'], ['A2', '-12']);
		expect(detectNumberStyle(rows, 2, 'comma')).toEqual({
			style: 'comma',
			reason: "Decimal comma, as the file's separator suggests: 1,234 on line 2 reads either way"
		});
		expect(detectNumberStyle(rows, 2).style).toBe('point');
		expect(detectNumberStyle(sheet(['7'], [8]), 1).reason).toBe(
			'Decimal point: no number has decimals'
		);
	});

	it('looks only from the given line and in the given columns; months are not numbers', () => {
		const rows = sheet(['1,5'], ['09.2026', '2.5'], ['ignored 1,5', '3.5']);
		expect(detectNumberStyle(rows, 2).style).toBe('point');
		expect(detectNumberStyle(sheet(['1,5', '2.5'], ['1,5', '3.5']), 1, undefined, [1]).style).toBe(
			'point'
		);
	});
});
