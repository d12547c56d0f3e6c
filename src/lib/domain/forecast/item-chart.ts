/**
 * The series of an item's forecast chart over one time axis: its sales history, then the plan's
 * months with the baseline inside its 80 % and 95 % bands, beside the sales forecast and consensus.
 */
import type { ItemForecastView } from './item-view.ts';

export interface ItemChartData {
	months: string[];
	history: (number | null)[];
	baseline: (number | null)[];
	lo95: (number | null)[];
	hi95: (number | null)[];
	lo80: (number | null)[];
	hi80: (number | null)[];
	forecast: (number | null)[];
	consensus: (number | null)[];
}

export function itemChartData(view: ItemForecastView): ItemChartData {
	const past = view.history.months.filter((m) => m < view.periods[0]);
	const gap = past.map(() => null);
	const band = (pick: (i: ItemForecastView['forecast'] & object) => number[]) => [
		...gap,
		...(view.forecast ? pick(view.forecast) : view.periods.map(() => null))
	];
	return {
		months: [...past, ...view.periods],
		history: [...view.history.values.slice(0, past.length), ...view.periods.map(() => null)],
		baseline: [...gap, ...view.rows.baseline],
		lo95: band((f) => f.intervals.map((i) => i.lo95)),
		hi95: band((f) => f.intervals.map((i) => i.hi95)),
		lo80: band((f) => f.intervals.map((i) => i.lo80)),
		hi80: band((f) => f.intervals.map((i) => i.hi80)),
		forecast: [...gap, ...view.rows.forecast],
		consensus: [...gap, ...view.rows.consensus]
	};
}
