import { describe, expect, it } from 'vitest';
import { assignSlots, drawOrder, type DrawOrder } from './grid-slots';

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

/** The rows as the grid shows them: in DOM order, those from `laterFrom` on after the rest. */
const shown = (order: DrawOrder) => [
	...order.indices.filter((index) => index < order.laterFrom),
	...order.indices.filter((index) => index >= order.laterFrom)
];

describe('drawOrder', () => {
	it('puts the rows in reading order at rest', () => {
		const slots = assignSlots(assignSlots(new Map(), range(0, 9)), range(4, 13));
		const order = drawOrder([], slots, false);
		expect(order.indices).toEqual(range(4, 13));
		expect(order.laterFrom).toBe(Infinity);
		expect(order.slots).toEqual(range(4, 13).map((i) => slots.get(i)));
	});

	it('keeps every slot in its DOM place while scrolling, and shows the rows in reading order', () => {
		let slots = assignSlots(new Map(), range(0, 19));
		let order = drawOrder([], slots, false);
		const dom = order.slots;
		// Down and up by less than a window, by exactly one, and jumps well past it.
		for (const top of [3, 18, 33, 34, 20, 19, 7, 0, 15, 140, 1000, 985, 990]) {
			slots = assignSlots(slots, range(top, top + 19));
			order = drawOrder(order.slots, slots, true);
			expect(order.slots).toEqual(dom);
			expect(order.indices.map((i) => slots.get(i))).toEqual(dom);
			expect(shown(order)).toEqual(range(top, top + 19));
		}
	});

	it('keeps every element in place when the window grows or shrinks, and adds new ones where they show', () => {
		let slots = assignSlots(new Map(), range(0, 9));
		let order = drawOrder([], slots, false);
		slots = assignSlots(slots, range(4, 13));
		order = drawOrder(order.slots, slots, true);
		expect(order.laterFrom).toBe(10);
		for (const window of [range(4, 15), range(2, 15), range(1, 16), range(5, 12), range(3, 20)]) {
			const before = order.slots;
			slots = assignSlots(slots, window);
			order = drawOrder(before, slots, true);
			// The elements already there are where they were, in the same order.
			expect(order.slots.filter((slot) => before.includes(slot))).toEqual(
				before.filter((slot) => order.slots.includes(slot))
			);
			expect(shown(order)).toEqual(window);
		}
	});

	it('falls back to reading order when the DOM order is not one turn of it', () => {
		const slots = new Map([
			[10, 0],
			[11, 1],
			[12, 2],
			[13, 3]
		]);
		// Two descents: 12, 10, 13, 11 is no rotation of 10–13.
		const order = drawOrder([2, 0, 3, 1], slots, true);
		expect(order.indices).toEqual([10, 11, 12, 13]);
		expect(order.slots).toEqual([0, 1, 2, 3]);
		expect(order.laterFrom).toBe(Infinity);
	});
});
