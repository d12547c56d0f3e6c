import { DEFAULT_NUMBER_LOCALE } from './format.ts';
import { decimalsOf, type MeasureFormat } from './measures.ts';
import { separatorsOf } from './number-locale.ts';
import type { Bounds } from './selection.ts';

/**
 * A figure as a person would type it: no thousands separators or units, rounded to what the
 * measure shows, with the decimal mark of their `locale` ('12,5' in nb, so a Norwegian
 * spreadsheet takes it as a number); blank for no value. What the editor starts with and what
 * Copy puts out.
 */
export function plainValue(
	value: number,
	format: MeasureFormat,
	locale = DEFAULT_NUMBER_LOCALE
): string {
	if (Number.isNaN(value)) return '';
	const text = String(Number(value.toFixed(decimalsOf(format))));
	return text.replace('.', separatorsOf(locale).decimal);
}

/** The selected block as lines of cells, for the clipboard. */
export function copyBlock(box: Bounds, text: (row: number, col: number) => string): string[][] {
	const lines: string[][] = [];
	for (let row = box.top; row <= box.bottom; row++) {
		const line: string[] = [];
		for (let col = box.left; col <= box.right; col++) line.push(text(row, col));
		lines.push(line);
	}
	return lines;
}
