import { describe, expect, it } from 'vitest';
import { inverseNormal } from './inverse-normal.ts';

describe('inverseNormal', () => {
	// Reference quantiles (R's qnorm, 16 digits), across the centre and both tails.
	const cases: [number, number][] = [
		[0.5, 0],
		[0.8413447460685429, 1],
		[0.9, 1.2815515655446004],
		[0.95, 1.6448536269514722],
		[0.975, 1.959963984540054],
		[0.99, 2.3263478740408408],
		[0.999, 3.090232306167813],
		[0.02, -2.053748910631823],
		[0.001, -3.090232306167813],
		[1e-6, -4.753424308822899]
	];
	it.each(cases)('Φ⁻¹(%s) = %s to within 1e-8', (p, z) => {
		expect(Math.abs(inverseNormal(p) - z)).toBeLessThan(1e-8);
	});

	it('is symmetric about one half', () => {
		for (const p of [0.6, 0.9, 0.98, 0.999]) {
			expect(inverseNormal(1 - p)).toBeCloseTo(-inverseNormal(p), 9);
		}
	});

	it('refuses probabilities outside (0, 1)', () => {
		expect(() => inverseNormal(0)).toThrow(RangeError);
		expect(() => inverseNormal(1)).toThrow(RangeError);
		expect(() => inverseNormal(Number.NaN)).toThrow(RangeError);
	});
});
