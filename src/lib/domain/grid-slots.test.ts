import { describe, expect, it } from 'vitest';
import { assignSlots } from './grid-slots';

const range = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('assignSlots', () => {
	it('numbers the first window 0, 1, 2, …', () => {
		expect([...assignSlots(new Map(), [5, 6, 7])]).toEqual([
			[5, 0],
			[6, 1],
			[7, 2]
		]);
	});

	it('keeps the slot of every index still in view and hands the rest the slots that left', () => {
		const first = assignSlots(new Map(), range(0, 9));
		const next = assignSlots(first, range(3, 12));
		for (const index of range(3, 9)) expect(next.get(index)).toBe(first.get(index));
		expect(new Set([10, 11, 12].map((i) => next.get(i)))).toEqual(new Set([0, 1, 2]));
	});

	it('uses no more slots than the window holds, however far it scrolls', () => {
		let slots = assignSlots(new Map(), range(0, 39));
		for (let top = 15; top < 2000; top += 15) slots = assignSlots(slots, range(top, top + 39));
		expect(new Set(slots.values())).toEqual(new Set(range(0, 39)));
	});

	it('gives every index its own slot when the window grows, shrinks or jumps', () => {
		let slots = assignSlots(new Map(), range(0, 9));
		for (const window of [
			range(2, 14),
			range(5, 8),
			range(100, 120),
			range(118, 119),
			range(0, 30)
		]) {
			slots = assignSlots(slots, window);
			expect([...slots.keys()]).toEqual(window);
			expect(new Set(slots.values()).size).toBe(window.length);
		}
	});

	it('hands rows coming into view the slots that left in the same order, either way it scrolls', () => {
		const first = assignSlots(new Map(), range(0, 9));
		const down = assignSlots(first, range(4, 13));
		expect(range(10, 13).map((i) => down.get(i))).toEqual(range(0, 3).map((i) => first.get(i)));
		const up = assignSlots(down, range(1, 10));
		expect(range(1, 3).map((i) => up.get(i))).toEqual(range(11, 13).map((i) => down.get(i)));
	});

	it('returns the same slots for the same window', () => {
		const first = assignSlots(new Map(), range(0, 9));
		expect(assignSlots(first, range(0, 9))).toEqual(first);
	});
});
