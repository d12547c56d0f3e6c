import { afterEach, describe, expect, it, vi } from 'vitest';
import { observeScroll } from './scroll-offsets';

/** A scrolling element as far as the hub sees it, counting how often its offsets are read. */
function scroller() {
	const target = new EventTarget();
	let top = 0;
	let left = 0;
	const reads = { count: 0 };
	const element = Object.defineProperties(target, {
		scrollTop: {
			get: () => {
				reads.count++;
				return top;
			}
		},
		scrollLeft: {
			get: () => {
				reads.count++;
				return left;
			}
		}
	});
	const scrollTo = (y: number, x: number) => {
		top = y;
		left = x;
		target.dispatchEvent(new Event('scroll'));
	};
	return { element: element as unknown as HTMLElement, scrollTo, reads };
}

afterEach(() => {
	vi.useRealTimers();
});

describe('observeScroll', () => {
	it('reads both offsets once per scroll, however many listen', () => {
		const { element, scrollTo, reads } = scroller();
		const rows = vi.fn();
		const months = vi.fn();
		observeScroll(element, rows);
		observeScroll(element, months);
		scrollTo(320, 240);
		expect(rows).toHaveBeenCalledWith(320, 240, true);
		expect(months).toHaveBeenCalledWith(320, 240, true);
		expect(reads.count).toBe(2);
	});

	it('says when scrolling has ended, once, after the last scroll', () => {
		vi.useFakeTimers();
		const { element, scrollTo } = scroller();
		const listener = vi.fn();
		observeScroll(element, listener);
		scrollTo(32, 0);
		vi.advanceTimersByTime(100);
		scrollTo(64, 0);
		vi.advanceTimersByTime(149);
		expect(listener).not.toHaveBeenCalledWith(64, 0, false);
		vi.advanceTimersByTime(1);
		expect(listener.mock.calls).toEqual([
			[32, 0, true],
			[64, 0, true],
			[64, 0, false]
		]);
	});

	it('stops listening when the last listener leaves, and starts again for a new one', () => {
		vi.useFakeTimers();
		const { element, scrollTo, reads } = scroller();
		const first = vi.fn();
		const second = vi.fn();
		const stopFirst = observeScroll(element, first);
		const stopSecond = observeScroll(element, second);
		stopFirst();
		scrollTo(10, 0);
		expect(first).not.toHaveBeenCalled();
		expect(second).toHaveBeenCalledTimes(1);
		stopSecond();
		const readsBefore = reads.count;
		scrollTo(20, 0);
		vi.runAllTimers();
		expect(second).toHaveBeenCalledTimes(1);
		expect(reads.count).toBe(readsBefore);

		const third = vi.fn();
		observeScroll(element, third);
		scrollTo(30, 5);
		expect(third).toHaveBeenCalledWith(30, 5, true);
	});
});
