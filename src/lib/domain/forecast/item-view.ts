/** What the item forecast view shows (the GET route's answer), and the words for a method. */
import type { Method } from './select.ts';

export interface MonthInterval {
	month: string;
	lo80: number;
	hi80: number;
	lo95: number;
	hi95: number;
}

export interface ItemForecastView {
	item: { id: string; sku: string; name: string };
	/** The plan's months. */
	periods: string[];
	/** The last refresh's explanation; null before the item's first refresh. */
	forecast: {
		method: Method;
		historyMonths: number;
		backtest: { months: number; wape: number | null; mase: number | null } | null;
		sigma: number;
		intervals: MonthInterval[];
		refreshedAt: string;
	} | null;
	/** The item's sales history before the plan (months without a record are 0). */
	history: { months: string[]; values: number[] };
	/** The plan's current rows for the item, one value per plan month (null: empty). */
	rows: { baseline: (number | null)[]; forecast: (number | null)[]; consensus: (number | null)[] };
}

const WORDS: Record<Method, string> = {
	zero: 'No sales in the history, so the baseline is 0.',
	discontinued: 'Sales stopped (a long run of months without any), so the baseline is 0.',
	naive: 'Fewer than 4 months of history: the last month repeated.',
	sba: 'Intermittent demand: Croston’s method with the Syntetos–Boylan correction (SBA).',
	tsb: 'Intermittent demand that is fading: TSB, which lowers the forecast with every month without sales.',
	short:
		'Under two years of history: the mean of simple smoothing, damped trend and the best-fitting exponential smoothing model.',
	combination:
		'The mean of Theta, damped trend and the best-fitting exponential smoothing model, with a yearly season where the history shows one.'
};

export function methodInWords(method: Method): string {
	return WORDS[method];
}
