import { describe, expect, it } from 'vitest';
import {
	DAYS_PER_MONTH,
	demandOverLeadTime,
	NO_LEAD_TIME,
	NO_SIGMA,
	serviceLevelProblem,
	suggestSafetyStock
} from './safety-stock.ts';

describe('suggestSafetyStock', () => {
	it('covers σ over a two-month lead time at 95 %, and adds the demand over the lead time', () => {
		// z = 1.6449; 1.6449 × 10 × √2 = 23.26, rounded up to 24.
		const s = suggestSafetyStock(
			{ sigma: 10, leadTimeDays: 2 * DAYS_PER_MONTH, demand: [100, 50, NaN, 80] },
			0.95
		);
		expect(s).toEqual({
			kind: 'suggested',
			safetyStock: 24,
			// 100 + 50, 50 + (empty = 0), 0 + 80, then the lead time runs past the horizon.
			reorderPoints: [174, 74, 104, null],
			leadTimeMonths: 2
		});
	});

	it('counts a fractional month of the lead time pro rata', () => {
		// 1.5 months: z × 10 × √1.5 = 20.15 → 21; 100 + 0.5 × 50 = 125; 50 + 0.5 × 80 = 90.
		const s = suggestSafetyStock(
			{ sigma: 10, leadTimeDays: 1.5 * DAYS_PER_MONTH, demand: [100, 50, 80] },
			0.95
		);
		expect(s).toMatchObject({ safetyStock: 21, reorderPoints: [146, 111, null] });
	});

	it('asks for more stock at a higher service level', () => {
		const item = { sigma: 10, leadTimeDays: DAYS_PER_MONTH, demand: [0] };
		// z(0.99) = 2.3263 → 24; z(0.8) = 0.8416 → 9.
		expect(suggestSafetyStock(item, 0.99)).toMatchObject({ safetyStock: 24 });
		expect(suggestSafetyStock(item, 0.8)).toMatchObject({ safetyStock: 9 });
	});

	it('needs no safety stock for an item delivered at once', () => {
		const s = suggestSafetyStock({ sigma: 10, leadTimeDays: 0, demand: [5, 5] }, 0.95);
		expect(s).toMatchObject({ safetyStock: 0, reorderPoints: [0, 0] });
	});

	it('suggests nothing without σ or a lead time, and says why', () => {
		const demand = [10];
		expect(suggestSafetyStock({ sigma: null, leadTimeDays: 30, demand }, 0.95)).toEqual({
			kind: 'none',
			reason: NO_SIGMA
		});
		expect(suggestSafetyStock({ sigma: 4, leadTimeDays: null, demand }, 0.95)).toEqual({
			kind: 'none',
			reason: NO_LEAD_TIME
		});
	});
});

describe('demandOverLeadTime', () => {
	it('sums whole months and a share of the next', () => {
		expect(demandOverLeadTime([10, 20, 30], 0, 2.25)).toBeCloseTo(37.5, 10);
		expect(demandOverLeadTime([10, 20, 30], 1, 2)).toBe(50);
		expect(demandOverLeadTime([10, 20, 30], 2, 1.1)).toBeNull();
		expect(demandOverLeadTime([10, 20, 30], 3, 0)).toBe(0);
	});
});

describe('serviceLevelProblem', () => {
	it('accepts 50 % to 99.9 %', () => {
		expect(serviceLevelProblem(50)).toBeNull();
		expect(serviceLevelProblem(97.5)).toBeNull();
		expect(serviceLevelProblem(99.9)).toBeNull();
		expect(serviceLevelProblem(49.9)).toMatch(/between 50 % and 99.9 %/);
		expect(serviceLevelProblem(100)).toMatch(/between/);
		expect(serviceLevelProblem(Number.NaN)).toMatch(/percentage/);
	});
});
