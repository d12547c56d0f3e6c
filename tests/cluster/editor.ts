import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { SaveTracker, type SaveState } from '../../src/lib/collab/save-tracker.ts';
import { CELLS_MAP } from '../../src/lib/domain/measures.ts';
import { loadDocument } from '../../src/lib/server/yjs-store.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { cookieSocket } from '../helpers/cookie-socket.ts';

/**
 * A person editing one document through the load balancer, as the browser does: y-websocket's
 * provider (it reconnects and resends what the server has not acknowledged by itself) with the
 * browser's own SaveTracker deciding when the edits are saved.
 */
export class Editor {
	readonly doc = new Y.Doc();
	readonly cells = this.doc.getMap<number>(CELLS_MAP);
	readonly provider: WebsocketProvider;
	readonly tracker: SaveTracker;
	state: SaveState = 'connecting';
	/** Every value this editor wrote, by cell, in order. */
	readonly written = new Map<string, number[]>();
	/** Per cell, the last value the tracker reported saved (its state went 'saved' after it). */
	readonly saved = new Map<string, number>();
	readonly closes: number[] = [];
	/** When the provider last went from connected to not, and when it was synced again. */
	droppedAt = 0;
	resyncedAt = 0;

	constructor(serverUrl: string, name: string, cookie: string) {
		// SaveTracker subclasses the global WebSocket, as in the browser; here that is ws with the
		// person's cookie (Node has no WebSocket of its own that sends one).
		const global = globalThis as { WebSocket?: unknown };
		const before = global.WebSocket;
		global.WebSocket = cookieSocket(cookie);
		this.tracker = new SaveTracker();
		global.WebSocket = before;
		this.provider = new WebsocketProvider(serverUrl, name, this.doc, {
			WebSocketPolyfill: this.tracker.WebSocketClass,
			disableBc: true,
			maxBackoffTime: 500
		});
		this.provider.awareness.setLocalState(null);
		this.tracker.attach(this.provider);
		this.tracker.subscribe((state) => {
			this.state = state;
			if (state === 'saved')
				for (const [key, values] of this.written) this.saved.set(key, values.at(-1)!);
		});
		this.provider.on('connection-close', (event) => {
			if (event) this.closes.push(event.code);
		});
		this.provider.on('status', ({ status }) => {
			if (status !== 'connected' && this.resyncedAt >= this.droppedAt)
				this.droppedAt = performance.now();
		});
		this.provider.on('sync', (synced: boolean) => {
			if (synced) this.resyncedAt = performance.now();
		});
	}

	get synced(): boolean {
		return this.provider.wsconnected && this.provider.synced;
	}

	write(key: string, value: number): void {
		this.written.set(key, [...(this.written.get(key) ?? []), value]);
		this.cells.set(key, value);
	}

	destroy(): void {
		this.provider.destroy();
		this.doc.destroy();
	}
}

/** The document as Postgres holds it now (snapshot and logged updates). */
export async function storedCells(db: Db, name: string): Promise<Record<string, unknown>> {
	const doc = new Y.Doc();
	await loadDocument(db, name, doc);
	const cells = doc.getMap(CELLS_MAP).toJSON();
	doc.destroy();
	return cells;
}

/**
 * Cells whose stored value is older than the last one the editor was told was saved (values only
 * grow, so an older one means a saved edit was lost): `key: stored < saved`.
 */
export function lostSaves(editor: Editor, stored: Record<string, unknown>): string[] {
	return [...editor.saved]
		.filter(([key, value]) => !(typeof stored[key] === 'number' && stored[key] >= value))
		.map(([key, value]) => `${key}: ${String(stored[key])} < ${value}`);
}
