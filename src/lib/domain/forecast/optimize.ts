/** Derivative-free minimisation for the smoothing parameters (few dimensions, cheap objective). */

/**
 * Nelder–Mead simplex; the objective handles its own bounds (return Infinity outside them).
 * Stops early on purpose: a finer in-sample optimum forecast no better on M3 and took a third
 * more evaluations.
 */
export function nelderMead(
	f: (x: number[]) => number,
	x0: number[],
	maxIter = 60,
	tolerance = 1e-4
): number[] {
	const n = x0.length;
	const simplex = [x0.slice()];
	for (let i = 0; i < n; i++) {
		const x = x0.slice();
		x[i] += x[i] === 0 ? 0.05 : 0.1 * Math.abs(x[i]);
		simplex.push(x);
	}
	let values = simplex.map(f);
	for (let iter = 0; iter < maxIter; iter++) {
		const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
		const pts = order.map((i) => simplex[i]);
		values = order.map((i) => values[i]);
		simplex.splice(0, simplex.length, ...pts);
		if (Math.abs(values[n] - values[0]) <= tolerance * (Math.abs(values[0]) + 1e-12)) break;
		const centroid = new Array<number>(n).fill(0);
		for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
		const along = (t: number) => centroid.map((c, j) => c + t * (simplex[n][j] - c));
		const reflected = along(-1);
		const fr = f(reflected);
		if (fr < values[0]) {
			const expanded = along(-2);
			const fe = f(expanded);
			[simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
		} else if (fr < values[n - 1]) {
			[simplex[n], values[n]] = [reflected, fr];
		} else {
			const contracted = fr < values[n] ? along(-0.5) : along(0.5);
			const fc = f(contracted);
			if (fc < Math.min(fr, values[n])) {
				[simplex[n], values[n]] = [contracted, fc];
			} else {
				for (let i = 1; i <= n; i++) {
					simplex[i] = simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j]));
					values[i] = f(simplex[i]);
				}
			}
		}
	}
	let best = 0;
	for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
	return simplex[best];
}
