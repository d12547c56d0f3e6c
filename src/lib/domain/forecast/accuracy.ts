/** Forecast accuracy as scored in the M3 competition. */

/** Symmetric MAPE in percent: mean of 200·|A−F|/(|A|+|F|); a month with A = F = 0 scores 0. */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
	let sum = 0;
	for (let i = 0; i < actual.length; i++) {
		const den = Math.abs(actual[i]) + Math.abs(forecast[i]);
		sum += den === 0 ? 0 : (200 * Math.abs(actual[i] - forecast[i])) / den;
	}
	return sum / actual.length;
}

/**
 * Mean absolute scaled error: the forecast's mean absolute error over the in-sample mean
 * absolute error of the seasonal naive one-step forecast (lag `period`).
 */
export function mase(
	history: readonly number[],
	actual: readonly number[],
	forecast: readonly number[],
	period = 12
): number {
	const lag = history.length > period ? period : 1;
	let scale = 0;
	for (let t = lag; t < history.length; t++) scale += Math.abs(history[t] - history[t - lag]);
	scale /= history.length - lag;
	let mae = 0;
	for (let i = 0; i < actual.length; i++) mae += Math.abs(actual[i] - forecast[i]);
	mae /= actual.length;
	return scale === 0 ? (mae === 0 ? 0 : Infinity) : mae / scale;
}
