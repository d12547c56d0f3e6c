/** Seasonal naive: each future month repeats the same month a season earlier (naive if shorter). */
export function seasonalNaive(y: readonly number[], horizon: number, period = 12): number[] {
	if (y.length === 0) return new Array<number>(horizon).fill(0);
	const m = y.length >= period ? period : 1;
	return Array.from({ length: horizon }, (_, h) => y[y.length - m + (h % m)]);
}
