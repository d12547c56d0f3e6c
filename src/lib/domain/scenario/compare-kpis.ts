import { formatMoney, formatValue } from '../format.ts';
import type { DELTA_KPIS } from './compare.ts';

type KpiId = (typeof DELTA_KPIS)[number];
/** How a KPI reads: a count of units or months, money, a ratio (its changes in points), a number. */
type KpiFormat = 'units' | 'months' | 'money' | 'percent' | 'turns' | 'days';

export interface CompareKpi {
	id: KpiId;
	label: string;
	format: KpiFormat;
	/** Which way is better, to colour a change; null where neither is (more demand is no verdict). */
	better: 'up' | 'down' | null;
}

/** The compare view's KPI rows, in the KPI strip's order and words. */
export const COMPARE_KPIS: readonly CompareKpi[] = [
	{ id: 'demand', label: 'Consensus demand', format: 'units', better: null },
	{ id: 'supplyGap', label: 'Supply − demand', format: 'units', better: 'up' },
	{ id: 'stockoutMonths', label: 'Months at stock-out risk', format: 'months', better: 'down' },
	{ id: 'fillRate', label: 'Fill rate', format: 'percent', better: 'up' },
	{ id: 'revenueAtRisk', label: 'Revenue at risk', format: 'money', better: 'down' },
	{ id: 'inventoryValue', label: 'Inventory value', format: 'money', better: 'down' },
	{ id: 'turns', label: 'Turns a year', format: 'turns', better: 'up' },
	{ id: 'daysOfSupply', label: 'Days of supply', format: 'days', better: null },
	{ id: 'excessValue', label: 'Excess inventory', format: 'money', better: 'down' },
	{ id: 'revenue', label: 'Revenue', format: 'money', better: 'up' },
	{ id: 'revenueVsBudget', label: 'Revenue vs budget', format: 'percent', better: 'up' },
	{ id: 'marginPct', label: 'Margin', format: 'percent', better: 'up' },
	{ id: 'utilisationPeak', label: 'Peak capacity use', format: 'percent', better: 'down' }
];

function magnitude(value: number, format: KpiFormat, currency: string): string {
	if (format === 'money') return formatMoney(value, currency);
	if (format === 'months') return formatValue(value, 'units');
	if (format === 'turns') return formatValue(value, 'weeks');
	return formatValue(value, format);
}

/** A KPI's value as the KPI strip shows it; '—' where there is none. */
export function formatKpi(value: number | null, format: KpiFormat, currency: string): string {
	return value === null ? '—' : magnitude(value, format, currency);
}

const POINTS = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * A scenario's change of a KPI with its sign: '+1,200', '−€3,400', '+2.5 pts' for a ratio (a
 * change of a percentage is in points); '0' where it rounds to nothing, '—' where there is none.
 */
export function formatKpiDelta(delta: number | null, format: KpiFormat, currency: string): string {
	if (delta === null) return '—';
	const shown =
		format === 'percent'
			? `${POINTS.format(Math.abs(delta) * 100)} pts`
			: magnitude(Math.abs(delta), format, currency);
	if (deltaTone(delta, format, null) === 'same') return format === 'percent' ? '0 pts' : shown;
	return `${delta > 0 ? '+' : '−'}${shown}`;
}

/**
 * Whether a change is better, worse, or none at the precision shown ('changed' where neither
 * way is better).
 */
export function deltaTone(
	delta: number | null,
	format: KpiFormat,
	better: CompareKpi['better']
): 'better' | 'worse' | 'changed' | 'same' {
	const shownStep =
		format === 'percent' ? 0.0005 : format === 'money' || format === 'turns' ? 0.005 : 0.5;
	if (delta === null || Math.abs(delta) < shownStep) return 'same';
	if (!better) return 'changed';
	return delta > 0 === (better === 'up') ? 'better' : 'worse';
}
