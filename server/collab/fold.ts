import { Worker } from 'node:worker_threads';
import { foldUpdates, type Fold } from '../../src/lib/server/yjs-store.ts';

export interface FoldRequest {
	id: number;
	snapshot: Uint8Array | null;
	updates: Uint8Array[];
}

export type FoldReply = { id: number; state: Uint8Array } | { id: number; error: string };

/** Below this much state, folding takes milliseconds and stays on the calling thread. */
const WORKER_FROM_BYTES = 256 * 1024;
/** A worker nobody asked for this long is stopped, and the memory of its last document freed. */
const WORKER_IDLE_MS = 30_000;

/**
 * Compaction's fold: small documents on the event loop, large ones on a worker thread started on
 * demand. Folding a full plan (10 MB of state) takes a second or more of CPU; on the event loop
 * that would hold up every edit relayed meanwhile.
 */
export class Folder {
	private worker: Worker | null = null;
	private readonly pending = new Map<
		number,
		{ resolve(state: Uint8Array): void; reject(error: Error): void }
	>();
	private nextId = 0;
	private idleTimer: NodeJS.Timeout | undefined;

	readonly fold: Fold = (snapshot, updates) => {
		const bytes = updates.reduce((sum, u) => sum + u.byteLength, snapshot?.byteLength ?? 0);
		if (bytes < WORKER_FROM_BYTES) return Promise.resolve(foldUpdates(snapshot, updates));
		return this.onWorker({ id: ++this.nextId, snapshot, updates });
	};

	private onWorker(request: FoldRequest): Promise<Uint8Array> {
		clearTimeout(this.idleTimer);
		const worker = (this.worker ??= this.start());
		// Held while it folds (the process waits for its snapshots), not while idle.
		worker.ref();
		return new Promise<Uint8Array>((resolve, reject) => {
			this.pending.set(request.id, { resolve, reject });
			worker.postMessage(request);
		});
	}

	private start(): Worker {
		const worker = new Worker(new URL('./fold-worker.mjs', import.meta.url));
		worker.on('message', (reply: FoldReply) => {
			const waiting = this.pending.get(reply.id);
			this.pending.delete(reply.id);
			if ('state' in reply) waiting?.resolve(reply.state);
			else waiting?.reject(new Error(`fold failed: ${reply.error}`));
			if (this.pending.size > 0) return;
			worker.unref();
			this.idleTimer = setTimeout(() => void this.close(), WORKER_IDLE_MS).unref();
		});
		const fail = (error: Error) => {
			if (this.worker === worker) this.worker = null;
			for (const waiting of this.pending.values()) waiting.reject(error);
			this.pending.clear();
		};
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`fold worker stopped (${code})`)));
		return worker;
	}

	/** Stops the worker; folds in progress fail, and their logs stay as they are. */
	async close(): Promise<void> {
		clearTimeout(this.idleTimer);
		const worker = this.worker;
		this.worker = null;
		await worker?.terminate();
	}
}
