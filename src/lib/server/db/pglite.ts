import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './types.ts';

/** Embedded Postgres (WASM). `dataDir` undefined keeps the database in memory. */
export async function openPglite(dataDir?: string): Promise<Db> {
	// PGlite creates only the last folder of the path; a fresh clone has no `.data` yet.
	if (dataDir) await mkdir(dataDir, { recursive: true });
	const pg = await PGlite.create(dataDir);
	const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
		async query<T>(text: string, params: unknown[] = []) {
			const result = await q.query<T>(text, params);
			return result.rows;
		}
	});
	return {
		kind: 'pglite',
		...wrap(pg),
		transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
		close: () => pg.close()
	};
}
