import type { StepNumber } from './roles.ts';

export type MeasureFormat = 'units' | 'currency' | 'percent' | 'weeks' | 'days';

interface MeasureBase {
	readonly id: string;
	readonly label: string;
	readonly format: MeasureFormat;
	/** 'family' measures exist only on family (and plan) rows, e.g. capacity. */
	readonly level: 'item' | 'family';
}

/** A typed measure: its cells live in the document of the step that owns it. */
export interface InputMeasure extends MeasureBase {
	readonly kind: 'input';
	readonly step: StepNumber;
	/** Imported, never typed in the grid (the statistical baseline, actual sales). */
	readonly readOnly?: boolean;
	/** Whether a value below zero makes sense (an adjustment may be negative, a quantity not). */
	readonly allowNegative?: boolean;
	/** Only the first month holds a value (opening inventory). */
	readonly firstPeriodOnly?: boolean;
}

/** Computed from inputs, never stored. */
export interface DerivedMeasure extends MeasureBase {
	readonly kind: 'derived';
}

export type Measure = InputMeasure | DerivedMeasure;

const input = (
	m: Omit<InputMeasure, 'kind' | 'level'> & { level?: 'item' | 'family' }
): InputMeasure => ({
	kind: 'input',
	level: 'item',
	...m
});
const derived = (
	m: Omit<DerivedMeasure, 'kind' | 'level'> & { level?: 'item' | 'family' }
): DerivedMeasure => ({
	kind: 'derived',
	level: 'item',
	...m
});

/** Every measure, in grid order. */
export const MEASURES: readonly Measure[] = [
	input({
		id: 'baseline',
		label: 'Statistical baseline',
		step: 1,
		format: 'units',
		readOnly: true
	}),
	input({ id: 'actual', label: 'Actual sales', step: 1, format: 'units', readOnly: true }),
	input({ id: 'forecast', label: 'Sales forecast', step: 1, format: 'units' }),
	input({
		id: 'marketing',
		label: 'Marketing adjustment',
		step: 1,
		format: 'units',
		allowNegative: true
	}),
	input({ id: 'consensus', label: 'Consensus demand', step: 1, format: 'units' }),
	input({ id: 'production', label: 'Production plan', step: 2, format: 'units' }),
	input({ id: 'receipts', label: 'Purchase receipts', step: 2, format: 'units' }),
	derived({ id: 'gap', label: 'Supply − demand', format: 'units' }),
	input({ id: 'capacity', label: 'Capacity', step: 2, format: 'units', level: 'family' }),
	derived({ id: 'utilisation', label: 'Capacity utilisation', format: 'percent', level: 'family' }),
	input({
		id: 'opening',
		label: 'Opening inventory',
		step: 2,
		format: 'units',
		firstPeriodOnly: true
	}),
	derived({ id: 'inventory', label: 'Projected inventory', format: 'units' }),
	input({ id: 'safety', label: 'Safety-stock target', step: 2, format: 'units' }),
	derived({ id: 'cover', label: 'Weeks of cover', format: 'weeks' }),
	derived({ id: 'daysOfSupply', label: 'Days of supply', format: 'days' }),
	input({ id: 'price', label: 'Price', step: 3, format: 'currency' }),
	input({ id: 'cost', label: 'Unit cost', step: 3, format: 'currency' }),
	derived({ id: 'revenue', label: 'Revenue', format: 'currency' }),
	input({ id: 'budget', label: 'Budget revenue', step: 3, format: 'currency' }),
	derived({ id: 'vsBudget', label: 'Revenue vs budget', format: 'currency' }),
	derived({ id: 'margin', label: 'Gross margin', format: 'currency' }),
	derived({ id: 'marginPct', label: 'Margin %', format: 'percent' })
];

export const INPUT_MEASURES = MEASURES.filter((m): m is InputMeasure => m.kind === 'input');

const BY_ID = new Map(MEASURES.map((m) => [m.id, m]));

export function measure(id: string): Measure | undefined {
	return BY_ID.get(id);
}

export function inputMeasure(id: string): InputMeasure | undefined {
	const m = BY_ID.get(id);
	return m?.kind === 'input' ? m : undefined;
}

/**
 * Key of one cell in a step document's `cells` map: the item (or, for family-level measures, the
 * family), the month and the measure.
 */
export function cellKey(ownerId: string, period: string, measureId: string): string {
	return `${ownerId}:${period}:${measureId}`;
}

export function parseCellKey(
	key: string
): { ownerId: string; period: string; measureId: string } | null {
	const [ownerId, period, measureId, ...rest] = key.split(':');
	if (rest.length || !ownerId || !period || !measureId) return null;
	return { ownerId, period, measureId };
}

/**
 * A step document holds its values in two maps. `base` has one entry per row (owner × measure):
 * the values of every period as one array (null where empty), written once when a plan is created
 * or imported, so that a large plan loads as thousands of entries rather than a million. `cells`
 * has one entry per edited cell, keyed by `cellKey`, which overrides the base value (null clears
 * it); people's edits only ever go there, so two people editing one row never collide.
 */
export const CELLS_MAP = 'cells';
export const BASE_MAP = 'base';

export function rowKey(ownerId: string, measureId: string): string {
	return `${ownerId}:${measureId}`;
}

/** Decimal places a measure's values keep (totals stay exact to this precision). */
export function decimalsOf(format: MeasureFormat): number {
	return format === 'currency' ? 2 : format === 'units' || format === 'days' ? 0 : 3;
}
