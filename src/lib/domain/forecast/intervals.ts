/**
 * 80 % and 95 % prediction intervals from the in-sample one-step errors, widened with the
 * horizon as for simple exponential smoothing: var_h = σ²(1 + (h−1)α²).
 */
export interface Interval {
	lo80: number;
	hi80: number;
	lo95: number;
	hi95: number;
}

const Z80 = 1.2816;
const Z95 = 1.96;

export function residualSd(residuals: readonly number[]): number {
	if (residuals.length === 0) return 0;
	return Math.sqrt(residuals.reduce((s, e) => s + e * e, 0) / residuals.length);
}

/** `alpha` 1 widens as a random walk (σ√h), 0 not at all; `floorAtZero` for demand. */
export function predictionIntervals(
	point: readonly number[],
	sigma: number,
	alpha: number,
	floorAtZero = true
): Interval[] {
	const floor = (v: number) => (floorAtZero ? Math.max(0, v) : v);
	return point.map((f, i) => {
		const sd = sigma * Math.sqrt(1 + i * alpha * alpha);
		return {
			lo80: floor(f - Z80 * sd),
			hi80: floor(f + Z80 * sd),
			lo95: floor(f - Z95 * sd),
			hi95: floor(f + Z95 * sd)
		};
	});
}
