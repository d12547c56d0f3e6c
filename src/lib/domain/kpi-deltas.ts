/**
 * How every comparison (scenarios against the plan, one approved version against another) names a
 * KPI, shows its value and its change, and says whether that change is for the better: one set of
 * words and formats, the KPI strip's, wherever a change of a KPI is read.
 */
import { DEFAULT_NUMBER_LOCALE, formatMoney, formatValue, numberFormat } from './format.ts';
import type { DELTA_KPIS } from './scenario/compare.ts';

/** A KPI a comparison gives the change of. */
export type DeltaKpi = (typeof DELTA_KPIS)[number];

/** How a KPI reads: a count of units or months, money, a ratio (its changes in points), a number. */
type KpiFormat = 'units' | 'months' | 'money' | 'percent' | 'turns' | 'days';

export interface KpiInfo {
	/** The KPI strip's words for it. */
	label: string;
	format: KpiFormat;
	/** Which way is better, to colour a change; null where neither is (more demand is no verdict). */
	better: 'up' | 'down' | null;
}

/** Each compared KPI's name, format and better direction (in the KPI strip's order: `DELTA_KPIS`). */
export const KPI_INFO: Record<DeltaKpi, KpiInfo> = {
	demand: { label: 'Consensus demand', format: 'units', better: null },
	supplyGap: { label: 'Supply − demand', format: 'units', better: 'up' },
	stockoutMonths: { label: 'Months at stock-out risk', format: 'months', better: 'down' },
	fillRate: { label: 'Fill rate', format: 'percent', better: 'up' },
	revenueAtRisk: { label: 'Revenue at risk', format: 'money', better: 'down' },
	inventoryValue: { label: 'Inventory value', format: 'money', better: 'down' },
	turns: { label: 'Turns a year', format: 'turns', better: 'up' },
	daysOfSupply: { label: 'Days of supply', format: 'days', better: null },
	excessValue: { label: 'Excess inventory', format: 'money', better: 'down' },
	revenue: { label: 'Revenue', format: 'money', better: 'up' },
	revenueVsBudget: { label: 'Revenue vs budget', format: 'percent', better: 'up' },
	marginPct: { label: 'Margin', format: 'percent', better: 'up' },
	utilisationPeak: { label: 'Peak capacity use', format: 'percent', better: 'down' }
};

/** The KPI changes a list of scenarios shows at a glance; the rest are a hover or a click away. */
export const HEADLINE_KPIS = [
	'demand',
	'supplyGap',
	'fillRate',
	'revenue',
	'marginPct',
	'inventoryValue'
] as const satisfies readonly DeltaKpi[];

function magnitude(value: number, format: KpiFormat, currency: string, locale: string): string {
	if (format === 'money') return formatMoney(value, currency, locale);
	if (format === 'months') return formatValue(value, 'units', locale);
	if (format === 'turns') return formatValue(value, 'weeks', locale);
	return formatValue(value, format, locale);
}

/** A KPI's value as the KPI strip shows it, in the reader's `locale`; '—' where there is none. */
export function formatKpi(
	id: DeltaKpi,
	value: number | null,
	currency: string,
	locale = DEFAULT_NUMBER_LOCALE
): string {
	return value === null ? '—' : magnitude(value, KPI_INFO[id].format, currency, locale);
}

/** Half the smallest change each format shows: a smaller one reads as none (a ratio's in points). */
const SHOWN_STEP: Record<KpiFormat, number> = {
	units: 0.5,
	months: 0.5,
	days: 0.5,
	turns: 0.05,
	money: 0.005,
	percent: 0.0005
};

export type DeltaTone = 'better' | 'worse' | 'changed' | 'same';

/**
 * Whether a KPI's change is better, worse, or none at the precision shown ('changed' where neither
 * way is better).
 */
export function deltaTone(id: DeltaKpi, delta: number | null): DeltaTone {
	const { format, better } = KPI_INFO[id];
	if (delta === null || Math.abs(delta) < SHOWN_STEP[format]) return 'same';
	if (!better) return 'changed';
	return delta > 0 === (better === 'up') ? 'better' : 'worse';
}

const POINTS = { minimumFractionDigits: 1, maximumFractionDigits: 1 };

/**
 * A KPI's change with its sign: '+1,200', '−€3,400', '+2.5 pts' for a ratio (a change of a
 * percentage is in points); unsigned where it rounds to nothing ('0', '€0.00', '0 pts'), '—' where
 * there is none.
 */
export function formatKpiDelta(
	id: DeltaKpi,
	delta: number | null,
	currency: string,
	locale = DEFAULT_NUMBER_LOCALE
): string {
	if (delta === null) return '—';
	const { format } = KPI_INFO[id];
	const shown =
		format === 'percent'
			? `${numberFormat(locale, POINTS).format(Math.abs(delta) * 100)} pts`
			: magnitude(Math.abs(delta), format, currency, locale);
	if (deltaTone(id, delta) === 'same') return format === 'percent' ? '0 pts' : shown;
	return `${delta > 0 ? '+' : '−'}${shown}`;
}
