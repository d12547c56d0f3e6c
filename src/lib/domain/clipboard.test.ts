import { describe, expect, it } from 'vitest';
import { copyBlock, plainValue } from './clipboard';
import { parseCellInput } from './cell-input';
import { inputMeasure } from './measures';

describe('clipboard', () => {
	it('writes figures as a person would type them', () => {
		expect(plainValue(1200, 'units')).toBe('1200');
		expect(plainValue(1234.5678, 'currency')).toBe('1234.57');
		expect(plainValue(0.12345, 'percent')).toBe('0.123');
		expect(plainValue(NaN, 'units')).toBe('');
		expect(plainValue(12.5, 'currency')).toBe('12.5');
	});

	it('copies the selected block row by row', () => {
		expect(copyBlock({ top: 1, bottom: 2, left: 3, right: 4 }, (r, c) => `${r}.${c}`)).toEqual([
			['1.3', '1.4'],
			['2.3', '2.4']
		]);
	});
});

describe('clipboard in the person’s locale', () => {
	it('writes the decimal mark of the locale and no grouping, and reads back what it wrote', () => {
		expect(plainValue(1234.5, 'currency', 'nb-NO')).toBe('1234,5');
		expect(plainValue(1234.5, 'currency', 'de-DE')).toBe('1234,5');
		expect(plainValue(1234.5, 'currency', 'en-US')).toBe('1234.5');
		const price = inputMeasure('price')!;
		for (const locale of ['nb-NO', 'en-US', 'de-DE']) {
			const text = plainValue(98765.43, 'currency', locale);
			expect(parseCellInput(text, price, locale)).toEqual({ ok: true, value: 98765.43 });
		}
	});
});
