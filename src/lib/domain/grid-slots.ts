/** Before anything is drawn. */
export const NO_SLOTS: ReadonlyMap<number, number> = new Map();

/**
 * Which drawn slot shows each index of a virtualised list. An index still on screen keeps its slot;
 * an index coming into view takes the slot of one that left. Keyed by slot, a list re-uses the
 * elements of the rows that scrolled away instead of building new ones: a scroll frame then
 * changes text and attributes, and leaves the garbage collector nothing that lived a few frames
 * (on the 2,000-item plan, scavenges of the dropped rows took 40 ms and cost a frame in twenty).
 */
export function assignSlots(
	previous: ReadonlyMap<number, number>,
	indices: readonly number[]
): Map<number, number> {
	const next = new Map<number, number>();
	const taken = new Set<number>();
	for (const index of indices) {
		const slot = previous.get(index);
		if (slot !== undefined) {
			next.set(index, slot);
			taken.add(slot);
		}
	}
	// Handed out in the order of the indices they showed: rows that scrolled away together come
	// back in the same order, so a list keyed by slot moves the fewer of the two groups, not each row.
	const free = [...previous]
		.filter(([, slot]) => !taken.has(slot))
		.sort((a, b) => a[0] - b[0])
		.map(([, slot]) => slot);
	let reused = 0;
	let fresh = 0;
	for (const index of indices) {
		if (next.has(index)) continue;
		let slot: number | undefined = free[reused++];
		// Only once every earlier slot is taken: a new one is then the lowest not in use.
		if (slot === undefined) {
			while (taken.has(fresh)) fresh++;
			slot = fresh;
		}
		taken.add(slot);
		next.set(index, slot);
	}
	return next;
}

/** The drawn indices in the order their elements stand in the DOM. */
export interface DrawOrder {
	/** The slots in DOM order: the state the next order is made from. */
	slots: number[];
	/** The indices they show, in the same order. */
	indices: number[];
	/**
	 * Indices from this one on stand first in the DOM but show last (CSS `order`); `Infinity` when
	 * the DOM is in reading order.
	 */
	laterFrom: number;
}

function inReadingOrder(slots: ReadonlyMap<number, number>): DrawOrder {
	const indices = [...slots.keys()].sort((a, b) => a - b);
	return { slots: indices.map((index) => slots.get(index)!), indices, laterFrom: Infinity };
}

/**
 * Where to put the drawn slots in the DOM, given their order before. While the list scrolls, and
 * whenever `keepPlaces` says so, every slot keeps its place: a row scrolling in takes over the
 * element of one that left where it stands, and the browser neither moves it nor builds its boxes
 * again. Slots handed out as `assignSlots` does form a ring, so the DOM then holds the rows in
 * reading order but turned: its first run shows after the rest, which one class says for every
 * row (`laterFrom`). A style of each row's own would do it too, but it cost the row's cells their
 * cached style: 5 to 8 ms a scroll frame. An order that is no such turn, and any order when places
 * need not be kept, goes back to reading order, for screen readers and for anything that reads
 * the rows in turn.
 */
export function drawOrder(
	previous: readonly number[],
	slots: ReadonlyMap<number, number>,
	keepPlaces: boolean
): DrawOrder {
	if (!keepPlaces) return inReadingOrder(slots);
	const indexOf = new Map<number, number>();
	for (const [index, slot] of slots) indexOf.set(slot, index);
	const order = previous.filter((slot) => indexOf.has(slot));
	const indices = order.map((slot) => indexOf.get(slot)!);
	if (!turnOfReadingOrder(indices)) return inReadingOrder(slots);
	// A slot new to the window is a new element: it goes where it shows, and moves no other.
	const placed = new Set(order);
	const added = [...slots].filter(([, slot]) => !placed.has(slot)).sort((a, b) => a[0] - b[0]);
	for (const [index, slot] of added) {
		const at = insertionPoint(indices, index);
		indices.splice(at, 0, index);
		order.splice(at, 0, slot);
	}
	const turned = indices.length > 1 && indices[indices.length - 1] < indices[0];
	return { slots: order, indices, laterFrom: turned ? indices[0] : Infinity };
}

/** Whether `indices` are ascending, or ascending from some point on and then from the start. */
function turnOfReadingOrder(indices: readonly number[]): boolean {
	const descents = indices.filter((index, i) => i > 0 && index < indices[i - 1]).length;
	return descents === 0 || (descents === 1 && indices[indices.length - 1] < indices[0]);
}

/** Where `index` goes in a turn of reading order to keep it one: just after the next lower. */
function insertionPoint(indices: readonly number[], index: number): number {
	let lower = -1;
	for (let i = 0; i < indices.length; i++) {
		if (indices[i] < index && (lower < 0 || indices[i] > indices[lower])) lower = i;
	}
	if (lower >= 0) return lower + 1;
	// The lowest of all: just before the lowest there is.
	let lowest = 0;
	for (let i = 1; i < indices.length; i++) if (indices[i] < indices[lowest]) lowest = i;
	return lowest;
}
