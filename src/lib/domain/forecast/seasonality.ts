/** Classical seasonality test and multiplicative decomposition (the M3 Theta recipe). */

function mean(y: readonly number[]): number {
	return y.reduce((s, v) => s + v, 0) / y.length;
}

/** Sample autocorrelations r_1..r_maxLag. */
export function acf(y: readonly number[], maxLag: number): number[] {
	const m = mean(y);
	const denom = y.reduce((s, v) => s + (v - m) ** 2, 0);
	const r: number[] = [];
	for (let k = 1; k <= maxLag; k++) {
		let num = 0;
		for (let t = k; t < y.length; t++) num += (y[t] - m) * (y[t - k] - m);
		r.push(denom === 0 ? 0 : num / denom);
	}
	return r;
}

/**
 * Is the autocorrelation at the seasonal lag significant at 90 %? Bartlett's standard error.
 * Needs two full seasons (the M3 recipe asks three; testing from two helped 30-month histories
 * of M3 and changed nothing for longer ones).
 */
export function isSeasonal(y: readonly number[], period: number): boolean {
	if (period < 2 || y.length < 2 * period) return false;
	const r = acf(y, period);
	const spread = 1 + 2 * r.slice(0, period - 1).reduce((s, v) => s + v * v, 0);
	return Math.abs(r[period - 1]) > 1.645 * Math.sqrt(spread / y.length);
}

/**
 * Seasonal indices (mean 1) by classical multiplicative decomposition: the ratio of each value
 * to its centred moving average, averaged per position in the season. Index i applies to y[i].
 */
export function seasonalIndices(y: readonly number[], period: number): number[] {
	const sums = new Array<number>(period).fill(0);
	const counts = new Array<number>(period).fill(0);
	const half = Math.floor(period / 2);
	for (let t = half; t < y.length - half; t++) {
		let cma = 0;
		for (let k = -half; k <= half; k++) {
			const w = period % 2 === 0 && Math.abs(k) === half ? 0.5 : 1;
			cma += w * y[t + k];
		}
		cma /= period;
		if (cma > 0) {
			sums[t % period] += y[t] / cma;
			counts[t % period] += 1;
		}
	}
	const raw = sums.map((s, i) => (counts[i] > 0 ? s / counts[i] : 1));
	const norm = mean(raw);
	return raw.map((v) => v / norm);
}
