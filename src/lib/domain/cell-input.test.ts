import { describe, expect, it } from 'vitest';
import { parseCellInput } from './cell-input';
import { inputMeasure } from './measures';
import { parseTsv } from './tsv';

const forecast = inputMeasure('forecast')!;
const marketing = inputMeasure('marketing')!;
const price = inputMeasure('price')!;

describe('parseCellInput', () => {
	it('reads plain and formatted numbers', () => {
		expect(parseCellInput('1250', forecast)).toEqual({ ok: true, value: 1250 });
		expect(parseCellInput(' 1,250.0 ', forecast)).toEqual({ ok: true, value: 1250 });
		expect(parseCellInput('.5', price)).toEqual({ ok: true, value: 0.5 });
		expect(parseCellInput('1,250.75', price)).toEqual({ ok: true, value: 1250.75 });
	});

	it('refuses more decimals than the measure keeps, instead of rounding them away', () => {
		expect(parseCellInput('12.5', forecast)).toEqual({
			ok: false,
			error: 'Sales forecast takes whole numbers, not "12.5"'
		});
		expect(parseCellInput('9.999', price)).toEqual({
			ok: false,
			error: 'Price takes at most 2 decimals, not "9.999"'
		});
		expect(parseCellInput('9.990', price)).toEqual({ ok: true, value: 9.99 });
	});

	it('clears the cell on empty input', () => {
		expect(parseCellInput('  ', forecast)).toEqual({ ok: true, value: null });
	});

	it('refuses text with a message', () => {
		expect(parseCellInput('12abc', forecast)).toEqual({
			ok: false,
			error: '"12abc" is not a number'
		});
		expect(parseCellInput('1e5', forecast).ok).toBe(false);
		expect(parseCellInput('NaN', forecast).ok).toBe(false);
	});

	it('refuses negatives where the measure does not allow them', () => {
		expect(parseCellInput('-5', forecast)).toEqual({
			ok: false,
			error: 'Sales forecast cannot be negative'
		});
		expect(parseCellInput('-5', marketing)).toEqual({ ok: true, value: -5 });
	});

	it('refuses read-only measures and absurd magnitudes', () => {
		expect(parseCellInput('5', inputMeasure('baseline')!).ok).toBe(false);
		expect(parseCellInput('9'.repeat(14), forecast)).toEqual({
			ok: false,
			error: 'That number is too large'
		});
	});
});

describe('parseCellInput in the person’s locale', () => {
	it('reads Norwegian numbers, with any of the spaces Intl and spreadsheets group with', () => {
		for (const typed of ['1 234,5', '1234,5', '1\u00a0234,5', '1\u202f234,5', '1234.5']) {
			expect(parseCellInput(typed, price, 'nb-NO')).toEqual({ ok: true, value: 1234.5 });
		}
		expect(parseCellInput('−1 500', marketing, 'nb-NO')).toEqual({ ok: true, value: -1500 });
		expect(parseCellInput('12,5', forecast, 'nb-NO')).toEqual({
			ok: false,
			error: 'Sales forecast takes whole numbers, not "12,5"'
		});
	});

	it('reads German numbers: a dot groups, a comma marks the decimals', () => {
		expect(parseCellInput('1.234,5', price, 'de-DE')).toEqual({ ok: true, value: 1234.5 });
		expect(parseCellInput('1234,5', price, 'de-DE')).toEqual({ ok: true, value: 1234.5 });
		expect(parseCellInput('1.234.567', forecast, 'de-DE')).toEqual({ ok: true, value: 1234567 });
		// A dot is a grouping mark in German: '1.5' is no number, not 1.5 nor 15.
		expect(parseCellInput('1.5', price, 'de-DE').ok).toBe(false);
	});

	it('reads English numbers and refuses a comma that cannot be grouping', () => {
		expect(parseCellInput('1,234.5', price, 'en-US')).toEqual({ ok: true, value: 1234.5 });
		expect(parseCellInput('1 234.5', price, 'en-US')).toEqual({ ok: true, value: 1234.5 });
		expect(parseCellInput('1,5', price, 'en-US')).toEqual({
			ok: false,
			error: '"1,5" is not a number'
		});
		expect(parseCellInput('1,2345', forecast, 'en-US').ok).toBe(false);
	});
});

describe('a block pasted from a spreadsheet', () => {
	it('reads each cell of a Norwegian sheet’s copy as a Norwegian writes it', () => {
		// Norwegian Excel copies formatted cells with no-break spaces between the digit groups.
		const block = parseTsv('1\u00a0234,5\t12,5\r\n2\u00a0000\t0,25\r\n');
		expect(block.flat().map((text) => parseCellInput(text, price, 'nb-NO'))).toEqual(
			[1234.5, 12.5, 2000, 0.25].map((value) => ({ ok: true, value }))
		);
	});
});
