import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Filler,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
} from 'chart.js';

// The parts of chart.js that Concord's charts draw with, registered once for all of them.
Chart.register(
	BarController,
	BarElement,
	CategoryScale,
	Filler,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
);

export { Chart };

/**
 * The options every board chart shares: numbers in the reader's locale, no animation (a live
 * board redraws often), the height of its box, and a tooltip listing every series of a month.
 */
export function boardChartOptions(locale: string) {
	return {
		locale,
		animation: false as const,
		maintainAspectRatio: false,
		interaction: { mode: 'index' as const, intersect: false }
	};
}

/** A legend under the chart, with keys short enough to leave room for the labels. */
export const BOARD_LEGEND = { position: 'bottom' as const, labels: { boxWidth: 18 } };
