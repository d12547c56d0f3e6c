/** Intermittent demand: Croston, its bias-corrected SBA, and TSB (which lets demand die out). */

export type IntermittentMethod = 'croston' | 'sba' | 'tsb';

/** Average number of periods between non-zero demands. */
export function meanInterval(y: readonly number[]): number {
	const nonzero = y.filter((v) => v !== 0).length;
	return nonzero === 0 ? Infinity : y.length / nonzero;
}

/** A flat forecast per month; smoothing 0.1 as usual for these sparse updates. */
export function intermittent(
	y: readonly number[],
	horizon: number,
	method: IntermittentMethod,
	alpha = 0.1,
	beta = 0.1
): number[] {
	const first = y.findIndex((v) => v !== 0);
	if (first < 0) return new Array<number>(horizon).fill(0);
	let level: number;
	if (method === 'tsb') {
		const nonzero = y.filter((v) => v !== 0);
		let size = nonzero[0];
		let probability = nonzero.length / y.length;
		for (const v of y) {
			probability += beta * ((v !== 0 ? 1 : 0) - probability);
			if (v !== 0) size += alpha * (v - size);
		}
		level = probability * size;
	} else {
		let size = y[first];
		let interval = first + 1;
		let gap = 1;
		for (let t = first + 1; t < y.length; t++) {
			if (y[t] !== 0) {
				size += alpha * (y[t] - size);
				interval += alpha * (gap - interval);
				gap = 1;
			} else gap += 1;
		}
		level = (size / interval) * (method === 'sba' ? 1 - alpha / 2 : 1);
	}
	return new Array<number>(horizon).fill(level);
}
