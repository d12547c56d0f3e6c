import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DatabaseUnavailableError } from '../../src/lib/server/db/unavailable.ts';
import type { Db, Queryable } from '../../src/lib/server/db/types.ts';
import { errorFrom, type Answer, type Reply, type Request } from './protocol.ts';

type Pending = { resolve(answer: Answer): void; reject(error: Error): void };
type Ask = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * The embedded database in a worker thread of its own, behind the same `Db` as everywhere: each
 * query is a message to the worker and back. `dataDir` undefined keeps it in memory.
 */
export async function openPgliteWorker(dataDir?: string): Promise<Db> {
	// PGlite creates a new database with a second, temporary PGlite whose hundreds of MB stay
	// allocated until a garbage collection the quiet worker may not run for a minute or more. A
	// thread of its own creates the folder and takes all of that with it when it ends.
	if (dataDir && !existsSync(join(dataDir, 'PG_VERSION')))
		await (await startWorker(dataDir)).close();
	return startWorker(dataDir);
}

async function startWorker(dataDir?: string): Promise<Db> {
	const worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: { dataDir } });
	const pending = new Map<number, Pending>();
	let nextId = 0;
	let gone: Error | null = null;

	await new Promise<void>((ready, failed) => {
		worker.on('message', (reply: Reply) => {
			if (reply.kind === 'ready') return ready();
			if (reply.kind === 'failed') return failed(errorFrom(reply.error));
			const waiting = pending.get(reply.id);
			pending.delete(reply.id);
			if (reply.kind === 'answer') waiting?.resolve(reply);
			else waiting?.reject(errorFrom(reply.error));
		});
		worker.on('error', (error) => {
			gone = error;
			failed(error);
			for (const waiting of pending.values()) waiting.reject(new DatabaseUnavailableError(error));
			pending.clear();
		});
		worker.on('exit', (code) => {
			gone ??= new Error(`the database worker stopped (${code})`);
			for (const waiting of pending.values()) waiting.reject(new DatabaseUnavailableError(gone));
			pending.clear();
		});
	});

	function ask(request: Ask): Promise<Answer> {
		if (gone) return Promise.reject(new DatabaseUnavailableError(gone));
		const id = ++nextId;
		return new Promise((resolve, reject) => {
			pending.set(id, { resolve, reject });
			worker.postMessage({ ...request, id });
		});
	}

	const queryable = (tx: number | null): Queryable => ({
		async query<T>(text: string, params: unknown[] = []) {
			const reply = await ask({ kind: 'query', tx, text, params });
			return reply.rows as T[];
		}
	});

	return {
		kind: 'pglite',
		...queryable(null),
		async transaction(fn) {
			const { tx } = await ask({ kind: 'begin' });
			let result;
			try {
				result = await fn(queryable(tx!));
			} catch (error) {
				await ask({ kind: 'end', tx: tx!, commit: false });
				throw error;
			}
			await ask({ kind: 'end', tx: tx!, commit: true });
			return result;
		},
		async close() {
			if (gone) return;
			const exited = new Promise((resolve) => worker.once('exit', resolve));
			await ask({ kind: 'close' });
			await exited;
		}
	};
}
