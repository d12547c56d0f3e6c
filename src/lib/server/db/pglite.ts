import { mkdir } from 'node:fs/promises';
import { PGlite, types } from '@electric-sql/pglite';
import { byteaHex } from './bytea-hex.ts';
import { copyText } from './copy-text.ts';
import { keepUp } from './embedded-upkeep.ts';
import { PgliteStatements } from './pglite-statements.ts';
import type { Db, Queryable, QueryOptions } from './types.ts';
import { answersQuery } from './unavailable.ts';

/**
 * bytea crosses PGlite as hex text. Its own codec converts byte by byte in JavaScript (a 1 MB
 * document snapshot took a quarter of a second each way); Node's hex codec is native.
 */
const bytea = {
	parsers: {
		[types.BYTEA]: (hex: string) => {
			const bytes = new Uint8Array((hex.length - 2) / 2);
			// An exact-size array of its own, so it crosses to another thread without a pooled slab.
			Buffer.from(bytes.buffer).write(hex.slice(2), 'hex');
			return bytes;
		}
	},
	serializers: { [types.BYTEA]: byteaHex }
};

/**
 * Postgres' default 128 MB of shared buffers is memory PGlite touches at start, most of the idle
 * process; the operating system caches the data folder anyway, and a plan's documents are a few MB.
 */
const SHARED_BUFFERS = '16MB';

/** Embedded Postgres (WASM). `dataDir` undefined keeps the database in memory. */
export async function openPglite(dataDir?: string): Promise<Db> {
	// PGlite creates only the last folder of the path; a fresh clone has no `.data` yet.
	if (dataDir) await mkdir(dataDir, { recursive: true });
	const pg = await PGlite.create(dataDir, {
		...bytea,
		startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`]
	});
	const statements = new PgliteStatements(pg);
	const wrap = (q: Pick<PGlite, 'query'>, inTransaction: boolean): Queryable => ({
		async query<T>(text: string, params: unknown[] = [], options?: QueryOptions) {
			if (options?.prepare) return statements.run<T>(text, params, inTransaction);
			const result = await q.query<T>(text, params);
			return result.rows;
		},
		async bulkInsert(table, columns, rows) {
			// PGlite reads COPY's input from a blob it names /dev/blob.
			const copy = `copy ${table} (${columns.map(([name]) => name).join(', ')}) from '/dev/blob'`;
			await q.query(copy, [], { blob: new Blob([copyText(rows)]) });
		}
	});
	const db = wrap(pg, false);
	const upkeep = keepUp(db);
	return {
		kind: 'pglite',
		...db,
		transaction: (fn) => pg.transaction((tx) => fn(wrap(tx, true))),
		reachable: () => answersQuery(db),
		close: async () => {
			await upkeep.stop();
			await pg.close();
		}
	};
}
