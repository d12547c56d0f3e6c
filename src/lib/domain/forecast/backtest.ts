/**
 * How the automatic forecast would have done on an item's most recent months: they are held out,
 * forecast from the months before them, and scored. Planners read it beside the baseline to know
 * how far to trust it.
 */
import { mase } from './accuracy.ts';
import { forecastSeries, type Forecast } from './select.ts';

export interface Backtest {
	/** Months held out at the end of the history. */
	months: number;
	/** Weighted absolute percentage error as a share (Σ|A−F| / Σ|A|); null when nothing sold. */
	wape: number | null;
	/** Mean absolute scaled error; null when the history before the holdout never changed. */
	mase: number | null;
}

/** A forecast with its backtest: what a baseline refresh keeps per item. */
export interface ItemForecast extends Forecast {
	backtest: Backtest | null;
}

/** Below this many months the holdout (a quarter of them) or what is left to fit is too short. */
export const MIN_BACKTEST_MONTHS = 8;

/** How many of `n` months of history a backtest holds out: min(6, ⌊n/4⌋). */
export function holdoutMonths(n: number): number {
	return Math.min(6, Math.floor(n / 4));
}

/** The last holdoutMonths of `history`, forecast from those before them; null if too short. */
export function backtest(history: readonly number[], period = 12): Backtest | null {
	if (history.length < MIN_BACKTEST_MONTHS) return null;
	const months = holdoutMonths(history.length);
	const fit = history.slice(0, history.length - months);
	const actual = history.slice(history.length - months);
	const forecast = forecastSeries(fit, months, period).point;
	let error = 0;
	let sold = 0;
	actual.forEach((a, i) => {
		error += Math.abs(a - forecast[i]);
		sold += Math.abs(a);
	});
	const scaled = mase(fit, actual, forecast, period);
	return {
		months,
		wape: sold === 0 ? null : error / sold,
		mase: Number.isFinite(scaled) ? scaled : null
	};
}

export function forecastItem(
	history: readonly number[],
	horizon: number,
	period = 12
): ItemForecast {
	return { ...forecastSeries(history, horizon, period), backtest: backtest(history, period) };
}
