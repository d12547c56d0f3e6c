import { formatMoney, formatSignedPercent, formatValue } from '../format.ts';
import type { MeasureFormat } from '../measures.ts';
import type { DELTA_KPIS, KpiDelta } from './compare.ts';

type DeltaKpi = (typeof DELTA_KPIS)[number];

/** The KPI changes a list of scenarios shows at a glance; the rest are a hover or a click away. */
export const HEADLINE_DELTAS = [
	'demand',
	'supplyGap',
	'fillRate',
	'revenue',
	'marginPct',
	'inventoryValue'
] as const satisfies readonly DeltaKpi[];

/** Each KPI's name and how its change reads: money, a share (in points), or a count. */
export const DELTA_KPI_INFO: Record<DeltaKpi, { label: string; kind: MeasureFormat | 'share' }> = {
	demand: { label: 'Demand', kind: 'units' },
	supplyGap: { label: 'Supply gap', kind: 'units' },
	stockoutMonths: { label: 'Stock-out months', kind: 'units' },
	fillRate: { label: 'Fill rate', kind: 'share' },
	revenueAtRisk: { label: 'Revenue at risk', kind: 'currency' },
	inventoryValue: { label: 'Inventory value', kind: 'currency' },
	turns: { label: 'Turns a year', kind: 'weeks' },
	daysOfSupply: { label: 'Days of supply', kind: 'days' },
	excessValue: { label: 'Excess value', kind: 'currency' },
	revenue: { label: 'Revenue', kind: 'currency' },
	revenueVsBudget: { label: 'Revenue vs budget', kind: 'share' },
	marginPct: { label: 'Margin %', kind: 'share' },
	utilisationPeak: { label: 'Peak utilisation', kind: 'share' }
};

/** A KPI's change with its sign, as in '+120', '−€1,500', '+2.5%'; '—' where it has none. */
export function formatDelta(id: DeltaKpi, value: number | null, currency: string): string {
	if (value === null) return '—';
	const { kind } = DELTA_KPI_INFO[id];
	if (kind === 'share') return formatSignedPercent(value);
	const shown =
		kind === 'currency'
			? formatMoney(Math.abs(value), currency)
			: formatValue(Math.abs(value), kind);
	// What rounds to nothing at the places shown has no sign.
	if (!/[1-9]/.test(shown)) return shown;
	return `${value > 0 ? '+' : '−'}${shown}`;
}

/** The scenarios the executive review weighs, as the cycle panel fetches them. */
export interface ReviewScenarios {
	currency: string;
	scenarios: { id: string; name: string; status: 'open' | 'promoted'; delta: KpiDelta }[];
}
