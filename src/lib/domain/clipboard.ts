import { decimalsOf, type MeasureFormat } from './measures.ts';
import type { Bounds } from './selection.ts';

/**
 * A figure as a person would type it: no thousands separators or units, rounded to what the
 * measure shows; blank for no value. What the editor starts with and what Copy puts out.
 */
export function plainValue(value: number, format: MeasureFormat): string {
	return Number.isNaN(value) ? '' : String(Number(value.toFixed(decimalsOf(format))));
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
