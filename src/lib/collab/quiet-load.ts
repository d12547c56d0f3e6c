import type * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';

type UpdateListener = (update: Uint8Array, origin: unknown) => void;

/**
 * Takes `listeners` off the document's update event while its local copy loads, and puts them back
 * as soon as it has. Yjs encodes a transaction as an update whenever anything listens for one, and
 * the load is one transaction holding the whole document, which none of them needs: the copy is
 * stored already, and the server is asked for the difference only afterwards. On the 2,000-item
 * plan that encoding was about 100 ms of opening it.
 */
export function quietWhileLoading(
	doc: Y.Doc,
	persistence: IndexeddbPersistence,
	listeners: UpdateListener[]
): void {
	if (persistence.synced) return;
	for (const listener of listeners) doc.off('update', listener);
	// Emitted right after the load's transaction, before the provider is told to connect.
	persistence.once('synced', () => {
		for (const listener of listeners) doc.on('update', listener);
	});
}
