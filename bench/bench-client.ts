import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';

const REMOTE = 'remote';

/**
 * A lightweight collaboration client: a Y.Doc and the sync protocol over a bare `ws` socket, with
 * none of the provider's timers, so hundreds fit in one process.
 */
export class BenchClient {
	readonly doc = new Y.Doc();
	readonly cells = this.doc.getMap<number>('cells');
	/** Document messages sent (what the server's acknowledgement counts). */
	sent = 0;
	acked = 0;
	/** Bytes of the server's sync step 2. */
	syncBytes = 0;
	private syncedAt: number | null = null;
	private onSynced: (() => void) | null = null;

	private constructor(private readonly ws: WebSocket) {
		ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === REMOTE) return;
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 0);
			syncProtocol.writeUpdate(encoder, update);
			this.send(encoding.toUint8Array(encoder));
		});
	}

	/** Opens the socket and sends sync step 1; `synced()` resolves when step 2 is applied. */
	static connect(url: string, cookie: string): Promise<BenchClient> {
		const ws = new WebSocket(url, { headers: { cookie }, perMessageDeflate: false });
		return new Promise((resolve, reject) => {
			ws.once('error', reject);
			ws.once('open', () => {
				const client = new BenchClient(ws);
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, 0);
				syncProtocol.writeSyncStep1(encoder, client.doc);
				ws.send(encoding.toUint8Array(encoder));
				resolve(client);
			});
		});
	}

	synced(): Promise<number> {
		if (this.syncedAt !== null) return Promise.resolve(this.syncedAt);
		return new Promise((resolve) => {
			this.onSynced = () => resolve(this.syncedAt ?? performance.now());
		});
	}

	private send(message: Uint8Array): void {
		if (message[0] === 0 && (message[1] === 1 || message[1] === 2)) this.sent++;
		this.ws.send(message);
	}

	private receive(message: Uint8Array): void {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		if (type === 100) {
			this.acked = decoding.readVarUint(decoder);
			return;
		}
		if (type !== 0) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		const step = syncProtocol.readSyncMessage(decoder, encoder, this.doc, REMOTE);
		if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
		if (step === syncProtocol.messageYjsSyncStep2 && this.syncedAt === null) {
			this.syncBytes = message.byteLength;
			this.syncedAt = performance.now();
			this.onSynced?.();
		}
	}

	close(): Promise<void> {
		return new Promise<void>((resolve) => {
			if (this.ws.readyState === WebSocket.CLOSED) return resolve();
			this.ws.once('close', () => resolve());
			this.ws.close();
		}).then(() => this.doc.destroy());
	}
}
