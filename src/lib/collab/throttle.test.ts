import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestThrottle, pacedRun } from './throttle.ts';

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

describe('pacedRun', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	const paced = (runMs: number, runs: number[]) =>
		pacedRun(
			1000,
			() => {
				runs.push(Date.now());
				// The work itself takes time: the clock moves on while it runs.
				vi.setSystemTime(Date.now() + runMs);
			},
			{
				now: () => Date.now(),
				frame: (callback) => Number(setTimeout(callback, 16)),
				cancelFrame: (id) => clearTimeout(id)
			}
		);

	it('runs once on the next frame for a burst of requests', () => {
		const runs: number[] = [];
		const p = paced(10, runs);
		for (let i = 0; i < 20; i++) p.request();
		vi.advanceTimersByTime(20);
		expect(runs).toHaveLength(1);
	});

	it('waits at least the gap between runs while requests keep coming, and runs the last', () => {
		const runs: number[] = [];
		const p = paced(10, runs);
		for (let t = 0; t < 3000; t += 50) {
			p.request();
			vi.advanceTimersByTime(50);
		}
		vi.advanceTimersByTime(2000);
		expect(runs.length).toBeGreaterThanOrEqual(3);
		expect(runs.length).toBeLessThanOrEqual(4);
		for (let i = 1; i < runs.length; i++)
			expect(runs[i] - runs[i - 1]).toBeGreaterThanOrEqual(1000);
	});

	it('rests as long as a slow run took', () => {
		const runs: number[] = [];
		const p = paced(2500, runs);
		p.request();
		vi.advanceTimersByTime(20);
		p.request();
		vi.advanceTimersByTime(2000);
		expect(runs).toHaveLength(1);
		vi.advanceTimersByTime(1000);
		expect(runs).toHaveLength(2);
		expect(runs[1] - runs[0]).toBeGreaterThanOrEqual(2 * 2500);
	});

	it('goes at the next frame when urgent, and runs nothing after cancel', () => {
		const runs: number[] = [];
		const p = paced(10, runs);
		p.request();
		vi.advanceTimersByTime(20);
		p.request(true);
		vi.advanceTimersByTime(20);
		expect(runs).toHaveLength(2);
		p.request();
		p.cancel();
		vi.advanceTimersByTime(5000);
		expect(runs).toHaveLength(2);
	});
});
