import * as Y from 'yjs';
import { metNewer, type DeletedEntry, type MetNewer } from '../domain/offline-edits.ts';

/**
 * The cells of one step document that this browser edited and the server has not acknowledged
 * yet, with the values typed, kept in localStorage so that they are counted (and listed, if
 * refused) across reloads. Remote updates that meet them are reported as conflicts.
 */
export class WaitingEdits {
	private readonly edits: Map<string, number | null>;

	constructor(
		private readonly storageKey: string,
		private readonly cells: Y.Map<number | null>,
		/** Whether a transaction came from elsewhere (the server, or the local copy loading). */
		isRemote: (origin: unknown) => boolean,
		fromServer: (origin: unknown) => boolean,
		private readonly events: { onCount(): void; onMetNewer(met: MetNewer[]): void },
		private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = localStorage
	) {
		this.edits = new Map(read(storage, storageKey));
		cells.observe((event) => {
			if (isRemote(event.transaction.origin)) return;
			for (const key of event.keysChanged) this.edits.set(key, cells.get(key) ?? null);
			this.changed();
		});
		cells.doc!.on('afterTransaction', (transaction: Y.Transaction) => {
			if (this.edits.size > 0 && fromServer(transaction.origin)) this.compare(transaction);
		});
	}

	get count(): number {
		return this.edits.size;
	}

	entries(): [string, number | null][] {
		return [...this.edits];
	}

	/** The server acknowledged everything sent: nothing waits any more. */
	acknowledged(): void {
		if (this.edits.size === 0) return;
		this.edits.clear();
		this.changed();
	}

	/**
	 * A remote update deleted map entries: this person's edits it overwrote, or concurrent edits
	 * that arrived already beaten by this person's. Their values are still readable here: Yjs
	 * collects deleted content only after the transaction.
	 */
	private compare(transaction: Y.Transaction): void {
		const deleted: DeletedEntry[] = [];
		Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
			if (!(struct instanceof Y.Item) || struct.parent !== this.cells || !struct.parentSub) return;
			const [value] = struct.content.getContent() as (number | null | undefined)[];
			const before = transaction.beforeState.get(struct.id.client) ?? 0;
			deleted.push({
				key: struct.parentSub,
				lostValue: value ?? null,
				lostWasLocal: struct.id.clock < before
			});
		});
		const met = metNewer(this.edits, deleted, (key) => this.cells.get(key) ?? null);
		if (met.length > 0) this.events.onMetNewer(met);
	}

	private changed(): void {
		if (this.edits.size === 0) this.storage.removeItem(this.storageKey);
		else this.storage.setItem(this.storageKey, JSON.stringify([...this.edits]));
		this.events.onCount();
	}
}

function read(storage: Pick<Storage, 'getItem'>, key: string): [string, number | null][] {
	try {
		const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
		return Array.isArray(parsed) ? (parsed as [string, number | null][]) : [];
	} catch {
		return [];
	}
}
