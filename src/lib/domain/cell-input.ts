import type { InputMeasure } from './measures.ts';

export type CellInput = { ok: true; value: number | null } | { ok: false; error: string };

export const MAX_CELL_VALUE = 1e12;

/**
 * Reads what a person typed into a cell. Accepts '1,234.5', ' 12 ', '-3' (where the measure allows
 * it) and '' (clears the cell); refuses anything else with a message fit to show them.
 */
export function parseCellInput(raw: string, m: InputMeasure): CellInput {
	const text = raw.trim().replace(/,/g, '');
	if (text === '') return checkCellValue(null, m);
	if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) {
		return { ok: false, error: `"${raw.trim()}" is not a number` };
	}
	return checkCellValue(Number(text), m);
}

/** The rules a value must meet to be stored in a cell of `m`, for typed input and raw updates alike. */
export function checkCellValue(value: unknown, m: InputMeasure): CellInput {
	if (m.readOnly) return { ok: false, error: `${m.label} is read-only` };
	if (value === null) return { ok: true, value: null };
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		return { ok: false, error: `${m.label} takes a number` };
	}
	if (!m.allowNegative && value < 0) return { ok: false, error: `${m.label} cannot be negative` };
	if (Math.abs(value) > MAX_CELL_VALUE) return { ok: false, error: 'That number is too large' };
	return { ok: true, value };
}
