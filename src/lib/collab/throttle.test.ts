import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestThrottle } from './throttle.ts';

describe('latestThrottle', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('sends the first value at once and the latest at most once per interval', () => {
		const sent: number[] = [];
		const throttle = latestThrottle(100, (v: number) => sent.push(v));
		for (let i = 1; i <= 30; i++) {
			throttle.push(i);
			vi.advanceTimersByTime(33);
		}
		vi.advanceTimersByTime(200);
		expect(sent[0]).toBe(1);
		expect(sent.at(-1)).toBe(30);
		expect(sent.length).toBeLessThanOrEqual(11);
	});

	it('sends nothing after cancel', () => {
		const sent: number[] = [];
		const throttle = latestThrottle(100, (v: number) => sent.push(v));
		throttle.push(1);
		throttle.push(2);
		throttle.cancel();
		vi.advanceTimersByTime(500);
		expect(sent).toEqual([1]);
	});
});
