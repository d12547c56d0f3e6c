import type { Duplex } from 'node:stream';
import { WebSocket, type RawData } from 'ws';
import type { SessionUser } from '../../src/lib/server/auth/session.ts';
import type { EditKind, OFFLINE_KIND } from '../../src/lib/domain/cell-history.ts';
import type { DocumentRef } from '../../src/lib/domain/documents.ts';
import type { StepNumber } from '../../src/lib/domain/roles.ts';
import { CLOSE_MALFORMED, CLOSE_POLICY, CLOSE_TOO_FAST } from '../../src/lib/sync/protocol.ts';
import type { TokenBucket } from '../../src/lib/server/token-bucket.ts';
import type { CollabLogger } from './log.ts';
import { Frame } from './frame.ts';
import { corkForThisTurn } from './turn.ts';
import { encodeAck } from './protocol.ts';

/** A client that reads this far behind is not coming back; holding more only risks the process. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export interface ConnectionIdentity {
	/** Document name, e.g. plan/abc/step/1. */
	name: string;
	ref: DocumentRef;
	user: SessionUser;
	/** The session token it was authorised with, checked again by refreshAccess. */
	token: string;
}

/** One client socket on one document. */
export class Connection {
	/** Sync-step-2 and update messages accepted for persistence so far. */
	received = 0;
	/** The highest count acknowledged to the client. */
	acked = 0;
	alive = true;
	/** In a scenario document, the steps whose measures this person may change. */
	steps: ReadonlySet<StepNumber> = new Set();
	/** How the client says its next update was made (the cell history's kind); used up by it. */
	nextKind: EditKind | typeof OFFLINE_KIND | null = null;
	/**
	 * Edits (with their kind) that build on content the server lacks, held until the client has
	 * answered our sync step 1: after a server restart or a move to another process, a client's
	 * first edits build on its own unsaved ones, which that answer brings. Null once answered.
	 */
	beforeSync: { held: [Uint8Array, Connection['nextKind']][]; bytes: number } | null = {
		held: [],
		bytes: 0
	};
	/** When anything was last sent, so idle connections get a keep-alive. */
	lastSentAt = Date.now();
	/** Settles when the socket has closed, however that happened. */
	readonly closed: Promise<void>;
	/** Settles when the client has sent its first message, or the socket has closed. */
	readonly spoken: Promise<void>;
	private heard: () => void = () => {};
	private closing = false;
	private queue: Uint8Array[] | null = [];
	private queuedBytes = 0;
	private handler: ((data: Uint8Array) => void) | null = null;

	constructor(
		readonly ws: WebSocket,
		/** The socket under `ws`, whose writes are corked per turn of the event loop. */
		private readonly socket: Duplex,
		readonly identity: ConnectionIdentity,
		public readOnly: boolean,
		private readonly maxQueuedBytes: number,
		/** The user's incoming bytes, shared by all their sockets. */
		private readonly bytes: TokenBucket,
		/** This socket's presence changes. */
		readonly presence: TokenBucket,
		private readonly log: CollabLogger
	) {
		this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
		this.spoken = Promise.race([
			new Promise<void>((resolve) => (this.heard = resolve)),
			this.closed
		]);
		ws.on('message', (data, isBinary) => this.receive(data, isBinary));
		ws.on('pong', () => (this.alive = true));
	}

	get open(): boolean {
		return !this.closing && this.ws.readyState === WebSocket.OPEN;
	}

	get label(): string {
		return `${this.identity.name} ${this.identity.user.id}`;
	}

	/** Takes out the first message held while the document loads that `match` accepts, if any. */
	takeQueued(match: (data: Uint8Array) => boolean): boolean {
		const at = this.queue?.findIndex(match) ?? -1;
		if (at < 0) return false;
		const [taken] = this.queue!.splice(at, 1);
		this.queuedBytes -= taken.byteLength;
		return true;
	}

	/** Hands queued messages (held while the document loaded), then every later one, to `handler`. */
	start(handler: (data: Uint8Array) => void): void {
		if (this.closing || !this.queue) return;
		const queued = this.queue;
		this.queue = null;
		this.handler = handler;
		for (const data of queued) {
			if (this.closing) return;
			handler(data);
		}
	}

	private receive(data: RawData, isBinary: boolean): void {
		this.alive = true;
		this.heard();
		if (this.closing) return;
		if (!isBinary) return this.reject('text frame');
		const bytes = toBytes(data);
		// Checked before any work: decoding and judging an update costs time on the shared loop.
		if (!this.bytes.take(bytes.byteLength)) {
			this.log.warn(`${this.label}: over the byte budget`);
			return this.close(CLOSE_TOO_FAST, 'too much sent too fast');
		}
		if (this.handler) return this.handler(bytes);
		if (!this.queue) return;
		this.queuedBytes += bytes.byteLength;
		if (this.queuedBytes > this.maxQueuedBytes) {
			this.log.warn(`${this.label}: too much sent before the document loaded`);
			return this.close(CLOSE_POLICY, 'too much sent before the document loaded');
		}
		this.queue.push(bytes);
	}

	/**
	 * Sends a binary message, framed here unless it already is. A frame goes straight to the
	 * socket: with no extension negotiated, that is all `WebSocket.send` does with it. The socket
	 * writes it at the end of this turn with the rest of the turn's messages, or `now`, unless an
	 * earlier message of the turn already waits there (the order of a socket's messages holds).
	 */
	send(message: Uint8Array | Frame, when: 'turn-end' | 'now' = 'turn-end'): void {
		if (!this.open) return;
		if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
			this.log.warn(`${this.label}: client not reading, terminating`);
			this.terminate();
			return;
		}
		this.lastSentAt = Date.now();
		if (when === 'turn-end') corkForThisTurn(this.socket);
		this.socket.write((message instanceof Frame ? message : new Frame(message)).bytes);
	}

	/** Liveness probe: false means the last ping went unanswered. */
	ping(): boolean {
		if (!this.alive) return false;
		this.alive = false;
		if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
		return true;
	}

	/** Tells the client its first `count` document messages are in Postgres. */
	acknowledge(count: number): void {
		if (count <= this.acked) return;
		this.acked = count;
		this.send(encodeAck(count));
	}

	/** Closes for a protocol violation or refusal: one log line, nothing else affected. */
	reject(reason: string, code = CLOSE_MALFORMED): void {
		if (this.closing) return;
		this.log.warn(`${this.label}: closing (${code}), malformed message: ${reason}`);
		this.close(code, reason);
	}

	close(code: number, reason: string): void {
		if (this.closing) return;
		this.closing = true;
		this.queue = null;
		this.handler = null;
		if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
			this.ws.close(code, truncate(reason));
		}
	}

	terminate(): void {
		this.closing = true;
		this.queue = null;
		this.handler = null;
		this.ws.terminate();
	}
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) data = Buffer.concat(data);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A close reason may hold at most 123 bytes. */
function truncate(reason: string): string {
	let out = reason;
	while (Buffer.byteLength(out) > 123) out = out.slice(0, -1);
	return out;
}
