import { chartsData, type ChartSeries } from '../chart-series.ts';
import type { MeasureFormat } from '../measures.ts';
import type { Figures } from '../plan-figures.ts';

/** The monthly totals the compare view charts, one line for the plan and one per scenario. */
export const COMPARE_CHART_MEASURES = [
	{ id: 'consensus', label: 'Consensus demand', format: 'units' },
	{ id: 'supply', label: 'Supply (production + receipts)', format: 'units' },
	{ id: 'inventory', label: 'Projected inventory', format: 'units' },
	{ id: 'revenue', label: 'Revenue', format: 'currency' },
	{ id: 'margin', label: 'Gross margin', format: 'currency' }
] as const satisfies readonly { id: string; label: string; format: MeasureFormat }[];
export type CompareChartMeasure = (typeof COMPARE_CHART_MEASURES)[number]['id'];

/** One measure's series as the plan's own charts compute it (supply is production + receipts). */
function seriesOf(figures: Figures, measure: CompareChartMeasure): ChartSeries['data'] {
	const d = chartsData(figures);
	if (measure === 'consensus') return d.balance[0].data;
	if (measure === 'supply') return d.balance[3].data;
	if (measure === 'inventory') return d.inventory[0].data;
	if (measure === 'revenue') return d.finance[0].data;
	return d.finance[2].data;
}

/** The plan's line first, labelled 'Plan', then one line per scenario under its name. */
export function compareSeries(
	measure: CompareChartMeasure,
	plan: Figures,
	scenarios: readonly { name: string; figures: Figures }[]
): ChartSeries[] {
	return [
		{ label: 'Plan', data: seriesOf(plan, measure) },
		...scenarios.map((s) => ({ label: s.name, data: seriesOf(s.figures, measure) }))
	];
}
