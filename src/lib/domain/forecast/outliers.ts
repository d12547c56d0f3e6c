/**
 * Replace isolated one-month spikes by the mean of their neighbours before fitting, so a freak
 * month does not drag the level and trend. Only a month that jumps away from both neighbours in
 * the same direction by far more than the series' usual month-to-month change moves: level
 * shifts and genuine seasonal peaks stay (clipping those cost accuracy on M3).
 */
export function clipOutliers(y: readonly number[], threshold = 10): number[] {
	if (y.length < 8) return y.slice();
	const changes = y
		.slice(1)
		.map((v, t) => Math.abs(v - y[t]))
		.sort((a, b) => a - b);
	const spread = 1.4826 * changes[Math.floor(changes.length / 2)];
	const out = y.slice();
	if (spread === 0) return out;
	for (let t = 1; t < y.length - 1; t++) {
		const up = y[t] - y[t - 1];
		const down = y[t] - y[t + 1];
		if (
			Math.sign(up) === Math.sign(down) &&
			Math.min(Math.abs(up), Math.abs(down)) > threshold * spread
		)
			out[t] = (y[t - 1] + y[t + 1]) / 2;
	}
	return out;
}
