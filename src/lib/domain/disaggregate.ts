/**
 * Spreads a new total over its parts in proportion to their current values (evenly when they are
 * all zero or of mixed sign, where proportions mean nothing), at `decimals` places. Rounding uses
 * the largest remainder, so the parts add up to the total exactly at that precision.
 */
export function spread(total: number, current: readonly number[], decimals: number): number[] {
	const n = current.length;
	if (n === 0) return [];
	const scale = 10 ** decimals;
	const units = Math.round(total * scale);
	const sum = current.reduce((a, b) => a + b, 0);
	const sameSign = current.every((v) => v >= 0) || current.every((v) => v <= 0);
	const weights = sum !== 0 && sameSign ? current.map((v) => v / sum) : current.map(() => 1 / n);
	const exact = weights.map((w) => units * w);
	const parts = exact.map(Math.floor);
	let left = units - parts.reduce((a, b) => a + b, 0);
	const byRemainder = exact
		.map((x, i) => ({ i, r: x - parts[i] }))
		.sort((a, b) => b.r - a.r || a.i - b.i);
	for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[byRemainder[k].i]++;
	// + 0 turns a −0 (a zero share of a negative total) into 0.
	return parts.map((u) => u / scale + 0);
}
