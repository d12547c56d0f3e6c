import * as Y from 'yjs';

/**
 * `writes` successive values of one cell, each from its own client ID, in one update: the shape
 * that made the old cell guard quadratic (every write is placed next to the one before, so finding
 * the cell of the last one walks back through all of them).
 */
export function oneCellChain(writes: number, key: string): Uint8Array {
	const doc = new Y.Doc({ gc: false });
	const cells = doc.getMap('cells');
	// One transaction: Yjs reads the whole state vector per transaction, quadratic in clients.
	doc.transact(() => {
		for (let i = 0; i < writes; i++) {
			doc.clientID = 1_000_000 + i;
			cells.set(key, i % 100);
		}
	});
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}
