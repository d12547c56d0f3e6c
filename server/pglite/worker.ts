/**
 * The worker thread that owns the embedded database. PGlite runs Postgres as WebAssembly and
 * executes each query synchronously; here that time is spent off the event loop that serves
 * pages and relays edits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openPglite } from '../../src/lib/server/db/pglite.ts';
import type { Queryable } from '../../src/lib/server/db/types.ts';
import { nameThisThread, THREAD_NAMES } from '../../src/lib/server/thread-name.ts';
import { runInBackground } from '../../src/lib/server/thread-priority.ts';
import { errorData, type Reply, type Request } from './protocol.ts';

nameThisThread(THREAD_NAMES.database);
runInBackground();
const port = parentPort!;
const send = (reply: Reply) => port.postMessage(reply);

/** Thrown inside a transaction the process asked to roll back. */
const ROLLBACK = new Error('rollback');

try {
	const db = await openPglite((workerData as { dataDir?: string }).dataDir);
	const open = new Map<number, { tx: Queryable; end(commit: boolean): Promise<void> }>();
	let nextTx = 0;

	port.on('message', (request: Request) => {
		void handle(request).then(
			(answer) => send({ kind: 'answer', id: request.id, ...answer }),
			(error: unknown) => send({ kind: 'error', id: request.id, error: errorData(error) })
		);
	});

	async function handle(request: Request): Promise<{ rows?: unknown[]; tx?: number }> {
		switch (request.kind) {
			case 'query': {
				const { text, params, prepare } = request;
				return { rows: await target(request.tx).query(text, params, { prepare }) };
			}
			case 'bulk-insert':
				await target(request.tx).bulkInsert(request.table, request.columns, request.rows);
				return {};
			case 'begin':
				return { tx: await begin() };
			case 'end': {
				const transaction = open.get(request.tx);
				if (!transaction) throw new Error(`transaction ${request.tx} is not open`);
				await transaction.end(request.commit);
				return {};
			}
			case 'close':
				await db.close();
				setImmediate(() => process.exit(0));
				return {};
		}
	}

	/** The database, or the open transaction `tx` names. */
	function target(tx: number | null): Queryable {
		const found = tx === null ? db : open.get(tx)?.tx;
		if (!found) throw new Error(`transaction ${tx} is not open`);
		return found;
	}

	/** Opens a transaction that stays open until the process ends it. */
	function begin(): Promise<number> {
		const id = ++nextTx;
		return new Promise<number>((started, failed) => {
			let finish!: (commit: boolean) => void;
			const decided = new Promise<boolean>((resolve) => (finish = resolve));
			const done = db
				.transaction(async (tx) => {
					open.set(id, {
						tx,
						end: async (commit) => {
							finish(commit);
							await done;
						}
					});
					started(id);
					if (!(await decided)) throw ROLLBACK;
				})
				.catch((error: unknown) => {
					if (error !== ROLLBACK) throw error;
				})
				.finally(() => open.delete(id));
			done.catch(failed);
		});
	}

	send({ kind: 'ready' });
} catch (error) {
	send({ kind: 'failed', error: errorData(error) });
}
