import postgres from 'postgres';
import { arrayColumns } from './array-columns.ts';
import type { Db, Queryable, QueryOptions } from './types.ts';
import { survivePostgresTypeFetch } from './type-fetch-guard.ts';
import { answersQuery, DatabaseUnavailableError, isConnectionError } from './unavailable.ts';

export interface PostgresOptions {
	/** Postgres schema to work in (tests isolate themselves this way). */
	schema?: string;
	/**
	 * A query still running after this long makes us check, on a fresh connection, whether the
	 * server answers at all; if it does not within the same time, the query fails as unavailable.
	 */
	checkAfterMs?: number;
}

/** A Postgres server through postgres-js. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
	const { schema, checkAfterMs = 1000 } = options;
	survivePostgresTypeFetch();
	const sql = postgres(url, {
		max: 10,
		onnotice: () => {},
		connection: schema ? { search_path: schema } : {},
		// The defaults (30 s to connect, reconnects backing off up to 20 s) left requests hanging.
		connect_timeout: 2,
		backoff: (retries) => Math.min(0.1 * 2 ** retries, 1)
	});
	if (schema) await sql.unsafe(`create schema if not exists "${schema}"`);
	const reachable = probe(url, checkAfterMs);
	const guard = <T>(run: () => Promise<T>) => guarded(run, reachable, checkAfterMs);
	const wrap = (q: postgres.Sql | postgres.TransactionSql): Queryable => ({
		async query<T>(text: string, params: unknown[] = [], options?: QueryOptions) {
			const rows = await q.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
				prepare: options?.prepare ?? false
			});
			return rows as unknown as T[];
		},
		async bulkInsert(table, columns, rows) {
			// Not COPY: postgres-js 3.4 leaves a COPY the server refuses unsettled, and its connection
			// with it (porsager/postgres#1173). One array per column, as the update log's statement.
			const names = columns.map(([name]) => name).join(', ');
			const params: unknown[] = [];
			const arrays = arrayColumns(
				columns.map(([, type]) => type),
				rows,
				params
			);
			await q.unsafe(
				`insert into ${table} (${names}) select * from unnest(${arrays})`,
				params as postgres.ParameterOrJSON<never>[]
			);
		}
	});
	const pool = wrap(sql);
	// The health check's own connection: a pool busy with long queries is not a database gone.
	const health = oneConnection(url, 2);
	return {
		kind: 'postgres',
		query: (text, params, options) => guard(() => pool.query(text, params, options)),
		bulkInsert: (table, columns, rows) => guard(() => pool.bulkInsert(table, columns, rows)),
		transaction: (fn) => guard(() => sql.begin((tx) => fn(wrap(tx))) as Promise<never>),
		reachable: () => answersQuery(wrap(health)),
		close: async () => {
			await Promise.all([sql.end({ timeout: 5 }), health.end({ timeout: 0 })]);
		}
	};
}

/**
 * Runs a query (or a transaction) so that it fails fast with DatabaseUnavailableError when the
 * server is gone: at once on a connection error, and otherwise as soon as a probe finds no server
 * while it is still waiting. A slow query on a live server is left to finish.
 */
function guarded<T>(
	run: () => Promise<T>,
	reachable: () => Promise<boolean>,
	checkAfterMs: number
): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		let done = false;
		let timer: NodeJS.Timeout;
		const finish = (settle: () => void) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			settle();
		};
		const check = () => {
			timer = setTimeout(async () => {
				const up = await reachable();
				if (done) return;
				// Whatever the query was doing, its caller hears now; the driver finishes or drops it later.
				if (!up) finish(() => reject(new DatabaseUnavailableError()));
				else check();
			}, checkAfterMs);
		};
		check();
		run().then(
			(value) => finish(() => resolve(value)),
			(error: unknown) =>
				finish(() => reject(isConnectionError(error) ? new DatabaseUnavailableError(error) : error))
		);
	});
}

/**
 * Whether the server answers `select 1` on a new connection within `timeoutMs`. Concurrent callers
 * share one probe, so an outage under load opens one extra connection, not one per request.
 */
function probe(url: string, timeoutMs: number): () => Promise<boolean> {
	let running: Promise<boolean> | null = null;
	async function once(): Promise<boolean> {
		const client = oneConnection(url, timeoutMs / 1000);
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<boolean>((resolve) => {
			timer = setTimeout(() => resolve(false), timeoutMs);
		});
		try {
			return await Promise.race([client`select 1`.then(() => true), timeout]);
		} catch {
			return false;
		} finally {
			clearTimeout(timer);
			void client.end({ timeout: 0 }).catch(() => {});
		}
	}
	return () => (running ??= once().finally(() => (running = null)));
}

/**
 * A client of one connection for checks that must not wait behind the pool. It sends no arrays, so
 * it skips the driver's array-type query and cannot fail in it (see type-fetch-guard.ts).
 */
function oneConnection(url: string, connectTimeoutSeconds: number): postgres.Sql {
	return postgres(url, {
		max: 1,
		onnotice: () => {},
		connect_timeout: connectTimeoutSeconds,
		fetch_types: false
	});
}
