import type { StepNumber } from './roles.ts';

export type MeasureFormat = 'units' | 'currency' | 'percent';

export interface Measure {
	readonly id: string;
	readonly label: string;
	/** The step whose document holds this measure's cells. */
	readonly step: StepNumber;
	readonly format: MeasureFormat;
	/** Imported, never typed in the grid (the statistical baseline). */
	readonly readOnly?: boolean;
	/** Whether a value below zero makes sense (an adjustment may be negative, a quantity not). */
	readonly allowNegative?: boolean;
}

/** The typed (input) measures of an item, in grid order. */
export const MEASURES: readonly Measure[] = [
	{ id: 'baseline', label: 'Statistical baseline', step: 1, format: 'units', readOnly: true },
	{ id: 'forecast', label: 'Sales forecast', step: 1, format: 'units' },
	{ id: 'marketing', label: 'Marketing adjustment', step: 1, format: 'units', allowNegative: true },
	{ id: 'consensus', label: 'Consensus demand', step: 1, format: 'units' },
	{ id: 'production', label: 'Production plan', step: 2, format: 'units' },
	{ id: 'receipts', label: 'Purchase receipts', step: 2, format: 'units' },
	{ id: 'safety', label: 'Safety-stock target', step: 2, format: 'units' },
	{ id: 'price', label: 'Price', step: 3, format: 'currency' },
	{ id: 'cost', label: 'Unit cost', step: 3, format: 'currency' }
];

const BY_ID = new Map(MEASURES.map((m) => [m.id, m]));

export function measure(id: string): Measure | undefined {
	return BY_ID.get(id);
}

/** Key of one cell in a step document's `cells` map. */
export function cellKey(itemId: string, period: string, measureId: string): string {
	return `${itemId}:${period}:${measureId}`;
}

export function parseCellKey(
	key: string
): { itemId: string; period: string; measureId: string } | null {
	const [itemId, period, measureId, ...rest] = key.split(':');
	if (rest.length || !itemId || !period || !measureId) return null;
	return { itemId, period, measureId };
}

/** The Y.Map inside each step document that holds its cells. */
export const CELLS_MAP = 'cells';
