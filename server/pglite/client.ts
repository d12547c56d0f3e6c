import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { answersQuery, DatabaseUnavailableError } from '../../src/lib/server/db/unavailable.ts';
import type { Db, Queryable, QueryOptions } from '../../src/lib/server/db/types.ts';
import { errorFrom, type Answer, type Reply, type Request } from './protocol.ts';

type Pending = { resolve(answer: Answer): void; reject(error: Error): void };
type Ask = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * The embedded database in a worker thread of its own, behind the same `Db` as everywhere: each
 * query is a message to the worker and back. `dataDir` undefined keeps it in memory.
 */
export async function openPgliteWorker(dataDir?: string): Promise<Db> {
	if (dataDir && !existsSync(join(dataDir, 'PG_VERSION'))) await createDatabase(dataDir);
	return startWorker(dataDir);
}

/**
 * PGlite creates a new database with a second, temporary PGlite whose hundreds of MB stayed
 * allocated until a garbage collection the quiet worker might not run for minutes, and a thread's
 * memory is not all returned when it ends: a process of its own creates the folder.
 */
async function createDatabase(dataDir: string): Promise<void> {
	// PGlite creates only the last folder of the path; a fresh clone has no `.data` yet.
	await mkdir(dataDir, { recursive: true });
	const create = `const { PGlite } = await import(process.argv[1]);
		await (await PGlite.create(process.argv[2])).close();`;
	const pglite = import.meta.resolve('@electric-sql/pglite');
	await promisify(execFile)(process.execPath, [
		'--input-type=module',
		'-e',
		create,
		pglite,
		dataDir
	]);
}

/**
 * V8 gives each thread's heap a memory reducer when it is set up, which collects in full (up to
 * three times) whenever the thread allocates little for 8 s after a collection, to hand memory back.
 * The database's thread allocates little and steadily (about 100 KB a statement), so under load its
 * heap (about 11 MB live) was collected again and again for memory it took straight back: at
 * 50 / 20 on PGlite, a quarter or more of what V8's helper threads spent (marking, sweeping and
 * unmapping).
 * The flag is read when a heap is set up, so threads started from here on run without it: this
 * one, and the compaction fold's and the forecasts', which end when their work is done. The event
 * loop's heap, set up already, keeps its own. Measured in the README ("runs without V8's memory
 * reducer").
 */
function withoutMemoryReducer(): void {
	setFlagsFromString('--no-memory-reducer');
}

async function startWorker(dataDir?: string): Promise<Db> {
	withoutMemoryReducer();
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
		async query<T>(text: string, params: unknown[] = [], options?: QueryOptions) {
			const reply = await ask({ kind: 'query', tx, text, params, prepare: options?.prepare });
			return reply.rows as T[];
		},
		async bulkInsert(table, columns, rows) {
			await ask({ kind: 'bulk-insert', tx, table, columns, rows });
		}
	});

	const db: Db = {
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
		reachable: () => answersQuery(db),
		async close() {
			if (gone) return;
			const exited = new Promise((resolve) => worker.once('exit', resolve));
			await ask({ kind: 'close' });
			await exited;
		}
	};
	return db;
}
