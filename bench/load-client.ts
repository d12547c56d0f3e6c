import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';

const MESSAGE_SYNC = 0;
const MESSAGE_ACK = 100;
/** The empty update: what a client with nothing to add answers to the server's sync step 1. */
const NOTHING = Y.encodeStateAsUpdate(new Y.Doc());

/**
 * The load bench's client, light enough that hundreds of them in two threads do not become the
 * bottleneck: it speaks the y-websocket sync protocol, but instead of applying what it receives to
 * a document it only reads the cells out of each update (their values are the times they were
 * written). A writer keeps a document of its own writes alone, to encode them as any client would.
 */
export class LoadClient {
	/** Cells others wrote, as updates relayed after the sync: milliseconds from writing to arrival. */
	readonly latencies = new Map<string, number>();
	/** Document messages sent, and the count the server acknowledged as saved. */
	sent = 0;
	acked = 0;
	/** Milliseconds from sending each edit to hearing it is saved (Concord acknowledges saves). */
	readonly saves: number[] = [];
	/** When each document message went out, by its count; NaN for a sync answer (not an edit). */
	private readonly sentAt: number[] = [];
	private readonly own = new Y.Doc();
	private readonly cells = this.own.getMap<number>('cells');
	private synced: () => void = () => {};
	readonly ready = new Promise<void>((resolve) => (this.synced = resolve));

	private constructor(
		private readonly ws: WebSocket,
		private readonly now: () => number
	) {
		ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
		this.own.on('update', (update: Uint8Array) =>
			this.sendSync(syncProtocol.messageYjsUpdate, update)
		);
	}

	static connect(url: string, cookie: string, now: () => number): Promise<LoadClient> {
		const ws = new WebSocket(url, { headers: { cookie }, perMessageDeflate: false });
		return new Promise((resolve, reject) => {
			ws.once('error', reject);
			ws.once('open', () => {
				const client = new LoadClient(ws, now);
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, MESSAGE_SYNC);
				syncProtocol.writeSyncStep1(encoder, new Y.Doc());
				ws.send(encoding.toUint8Array(encoder));
				resolve(client);
			});
		});
	}

	write(key: string, value: number): void {
		this.cells.set(key, value);
	}

	private sendSync(step: number, payload: Uint8Array): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		encoding.writeVarUint(encoder, step);
		encoding.writeVarUint8Array(encoder, payload);
		this.sent++;
		this.sentAt[this.sent] = step === syncProtocol.messageYjsUpdate ? this.now() : NaN;
		this.ws.send(encoding.toUint8Array(encoder));
	}

	private receive(message: Uint8Array): void {
		const at = this.now();
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		if (type === MESSAGE_ACK) {
			const acked = decoding.readVarUint(decoder);
			for (let n = this.acked + 1; n <= acked; n++) {
				if (!Number.isNaN(this.sentAt[n])) this.saves.push(at - this.sentAt[n]);
			}
			this.acked = Math.max(this.acked, acked);
			return;
		}
		if (type !== MESSAGE_SYNC) return;
		const step = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (step === syncProtocol.messageYjsSyncStep1) {
			this.sendSync(syncProtocol.messageYjsSyncStep2, NOTHING);
			return;
		}
		if (step === syncProtocol.messageYjsSyncStep2) return this.synced();
		for (const struct of Y.decodeUpdate(payload).structs) {
			if (!(struct instanceof Y.Item) || typeof struct.parentSub !== 'string') continue;
			// The bare server echoes a writer's own edits back to it; they are not deliveries.
			if (!(struct.content instanceof Y.ContentAny) || this.cells.has(struct.parentSub)) continue;
			const writtenAt = struct.content.arr[0];
			if (typeof writtenAt === 'number') this.latencies.set(struct.parentSub, at - writtenAt);
		}
	}

	close(): Promise<void> {
		return new Promise<void>((resolve) => {
			if (this.ws.readyState === WebSocket.CLOSED) return resolve();
			this.ws.once('close', () => resolve());
			this.ws.close();
		}).then(() => this.own.destroy());
	}
}
