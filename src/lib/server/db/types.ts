import type { CopyValue } from './copy-text.ts';

/** The slice of SQL both drivers (PGlite and postgres-js) offer, so the rest of the code never knows which runs. */
export interface Queryable {
	query<T = Record<string, unknown>>(
		text: string,
		params?: unknown[],
		options?: QueryOptions
	): Promise<T[]>;
	/**
	 * Appends `rows` (values in the order of `columns`: each column's name and SQL type) to
	 * `table`, all or none, with no conditions or conflict handling: each driver its fastest way
	 * (the embedded database's COPY took a third less of its work than an INSERT of the rows as
	 * arrays). `table` and `columns` are the code's own names, never input.
	 */
	bulkInsert(
		table: string,
		columns: readonly (readonly [name: string, type: string])[],
		rows: readonly (readonly CopyValue[])[]
	): Promise<void>;
}

export interface QueryOptions {
	/**
	 * The text is one of a few fixed statements run again and again: the database keeps it parsed
	 * and planned (a named prepared statement) instead of doing both on every run. Never for text
	 * that varies (every distinct text would stay prepared on the connection).
	 */
	prepare?: boolean;
}

export interface Db extends Queryable {
	readonly kind: 'pglite' | 'postgres';
	/** Runs `fn` in one transaction; a throw rolls it back. */
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	/**
	 * Whether the database answers a trivial query now (the load balancer's health check). On a
	 * server it is asked on a connection of its own, never behind queries waiting for the pool.
	 */
	reachable(): Promise<boolean>;
	close(): Promise<void>;
}
