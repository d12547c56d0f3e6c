import postgres from 'postgres';
import type { Db, Queryable } from './types.ts';

/** A Postgres server through postgres-js. `schema` isolates test runs that share one database. */
export async function openPostgres(url: string, schema?: string): Promise<Db> {
	const sql = postgres(url, {
		max: 10,
		onnotice: () => {},
		connection: schema ? { search_path: schema } : {}
	});
	if (schema) await sql.unsafe(`create schema if not exists "${schema}"`);
	const wrap = (q: postgres.Sql | postgres.TransactionSql): Queryable => ({
		async query<T>(text: string, params: unknown[] = []) {
			const rows = await q.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
			return rows as unknown as T[];
		}
	});
	return {
		kind: 'postgres',
		...wrap(sql),
		transaction: (fn) => sql.begin((tx) => fn(wrap(tx))) as Promise<never>,
		close: () => sql.end({ timeout: 5 })
	};
}
