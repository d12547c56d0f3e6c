/** Figures of repeated runs, in a module of its own: the load bench's client process imports it. */

/** The middle of repeated figures; runs that yielded no figure (NaN) are left out. */
export function median(values: number[]): number {
	const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
	return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

/** The p-th percentile (0–100) of `values`. */
export function pct(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
