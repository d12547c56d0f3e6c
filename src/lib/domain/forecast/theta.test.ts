import { describe, expect, it } from 'vitest';
import { linearSlope, theta } from './theta.ts';

describe('theta', () => {
	it('forecasts a constant series as that constant', () => {
		theta(new Array(24).fill(50), 6).forEach((f) => expect(f).toBeCloseTo(50, 6));
	});
	it('continues a pure linear trend at half its slope (the theta-0 and theta-2 lines averaged)', () => {
		const y = Array.from({ length: 36 }, (_, t) => 10 + 4 * t);
		expect(linearSlope(y)).toBeCloseTo(4, 10);
		const f = theta(y, 6);
		// SES on a straight line tracks the last value (alpha near 1); the drift adds b/2 per month.
		f.forEach((v, h) => expect(v).toBeCloseTo(y[35] + 2 * (h + 1), 1));
	});
});
