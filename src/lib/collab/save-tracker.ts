import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { carriesChanges, MESSAGE_ACK } from '../sync/protocol.ts';

export type SaveState = 'connecting' | 'saving' | 'saved' | 'offline';

/**
 * Tells whether this client's edits to one document are committed on the server: it counts the
 * change-carrying messages sent on the current socket and compares them with the server's
 * acknowledgements (message 100), which arrive only after the database commit.
 */
export class SaveTracker {
	private sent = new WeakMap<object, number>();
	private acked = new WeakMap<object, number>();
	/** Local edits made while no socket was open; they go out with the next sync. */
	private editedOffline = false;
	private listeners = new Set<(state: SaveState) => void>();

	/** A WebSocket class for the provider that counts what it sends. */
	readonly WebSocketClass: typeof WebSocket;

	constructor() {
		const sent = this.sent;
		const notify = () => this.notify();
		this.WebSocketClass = class CountingWebSocket extends WebSocket {
			send(data: Parameters<WebSocket['send']>[0]) {
				if (data instanceof Uint8Array && carriesChanges(data)) {
					sent.set(this, (sent.get(this) ?? 0) + 1);
					notify();
				}
				super.send(data);
			}
		};
	}

	/** Wires the tracker to its provider: the ack handler and the status events. */
	attach(provider: WebsocketProvider): void {
		this.provider = provider;
		provider.messageHandlers[MESSAGE_ACK] = (_encoder, decoder, p) => {
			if (p.ws) this.acked.set(p.ws, decoding.readVarUint(decoder));
			this.notify();
		};
		provider.on('status', () => this.notify());
		provider.on('sync', () => this.notify());
		provider.doc.on('update', this.onUpdate);
	}

	/** Notes an edit made here while no socket is open (the document's update listener). */
	readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
		const provider = this.provider;
		if (provider && origin !== provider && !provider.wsconnected) {
			this.editedOffline = true;
			this.notify();
		}
	};

	private provider: WebsocketProvider | null = null;

	get state(): SaveState {
		const p = this.provider;
		if (!p || !p.wsconnected || !p.ws) return this.editedOffline ? 'offline' : 'connecting';
		if (!p.synced) return 'saving';
		const pending = (this.sent.get(p.ws) ?? 0) - (this.acked.get(p.ws) ?? 0);
		if (pending > 0) return 'saving';
		this.editedOffline = false;
		return 'saved';
	}

	subscribe(fn: (state: SaveState) => void): () => void {
		this.listeners.add(fn);
		fn(this.state);
		return () => this.listeners.delete(fn);
	}

	private notify() {
		const state = this.state;
		for (const fn of this.listeners) fn(state);
	}
}
