import type { Measure } from './measures.ts';

export type CellInput = { ok: true; value: number | null } | { ok: false; error: string };

const MAX_ABS = 1e12;

/**
 * Reads what a person typed into a cell. Accepts '1,234.5', ' 12 ', '-3' (where the measure allows
 * it) and '' (clears the cell); refuses anything else with a message fit to show them.
 */
export function parseCellInput(raw: string, m: Measure): CellInput {
	if (m.readOnly) return { ok: false, error: `${m.label} is read-only` };
	const text = raw.trim().replace(/,/g, '');
	if (text === '') return { ok: true, value: null };
	if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) {
		return { ok: false, error: `"${raw.trim()}" is not a number` };
	}
	const value = Number(text);
	if (!m.allowNegative && value < 0) {
		return { ok: false, error: `${m.label} cannot be negative` };
	}
	if (Math.abs(value) > MAX_ABS) return { ok: false, error: 'That number is too large' };
	return { ok: true, value };
}
