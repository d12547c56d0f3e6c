/**
 * Classical Theta (Assimakopoulos & Nikolopoulos 2000), in Hyndman & Billah's form: simple
 * exponential smoothing plus half the slope of the linear trend. Expects a seasonally adjusted
 * series; `select.ts` adjusts and reseasonalises.
 */
import { fitEts } from './ets.ts';

export function linearSlope(y: readonly number[]): number {
	const n = y.length;
	if (n < 2) return 0;
	const xm = (n - 1) / 2;
	const ym = y.reduce((s, v) => s + v, 0) / n;
	let num = 0;
	let den = 0;
	for (let t = 0; t < n; t++) {
		num += (t - xm) * (y[t] - ym);
		den += (t - xm) ** 2;
	}
	return num / den;
}

export function theta(y: readonly number[], horizon: number): number[] {
	const ses = fitEts(y, { trend: 'none', season: 'none' }, horizon);
	const b = linearSlope(y);
	const a = ses.alpha;
	const n = y.length;
	const drift = (h: number) => (b / 2) * (h - 1 + 1 / a - (1 - a) ** n / a);
	return ses.forecast.map((f, i) => f + drift(i + 1));
}
