import * as Y from 'yjs';
import type { CellChange } from '../src/lib/domain/cell-history.ts';
import { CELLS_MAP, parseCellKey } from '../src/lib/domain/measures.ts';
import type { LoggedUpdate } from '../src/lib/server/yjs-log.ts';

/**
 * Real updates, one cell each, from a document of a step document's shape: what a typing person
 * sends, ready for the update log. Each edit writes the next of `keys` (round and round), with its
 * cell history row unless `history` is false.
 */
export function typist(keys: readonly string[]) {
	const doc = new Y.Doc();
	const cells = doc.getMap<number>(CELLS_MAP);
	let written = 0;
	return (userId: string | null, history = true): LoggedUpdate => {
		const key = keys[written++ % keys.length];
		const old = cells.get(key) ?? null;
		let update!: Uint8Array;
		doc.once('update', (u: Uint8Array) => (update = u));
		cells.set(key, written);
		const { ownerId, period, measureId } = parseCellKey(key)!;
		const change: CellChange = { ownerId, measure: measureId, period, old, new: written };
		return { update, userId, kind: 'typed', cells: history ? [change] : undefined };
	};
}
