import { decimalsOf, type InputMeasure } from './measures.ts';

export type CellInput = { ok: true; value: number | null } | { ok: false; error: string };

export const MAX_CELL_VALUE = 1e12;

/**
 * Reads what a person typed into a cell. Accepts '1,234', ' 12 ', '-3' (where the measure allows
 * it), as many decimals as the measure keeps ('12.5' is refused for units, not rounded to 13 out
 * of sight) and '' (clears the cell); refuses anything else with a message fit to show them.
 */
export function parseCellInput(raw: string, m: InputMeasure): CellInput {
	const text = raw.trim().replace(/,/g, '');
	if (text === '') return checkCellValue(null, m);
	if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) {
		return { ok: false, error: `"${raw.trim()}" is not a number` };
	}
	const allowed = decimalsOf(m.format);
	const decimals = (text.split('.')[1] ?? '').replace(/0+$/, '').length;
	if (decimals > allowed) {
		const takes = allowed === 0 ? 'whole numbers' : `at most ${allowed} decimals`;
		return { ok: false, error: `${m.label} takes ${takes}, not "${raw.trim()}"` };
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
