/**
 * Where a bench's production server keeps its data: a PGlite folder of its own, or, with
 * BENCH_DATABASE_URL, a database of its own on that Postgres server. The bench seeds it, closes
 * it, and starts the server on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDb, type Db } from '../src/lib/server/db/index.ts';

export const POSTGRES_URL = process.env.BENCH_DATABASE_URL;

export const DATABASE_LABEL = POSTGRES_URL ? 'Postgres server' : 'embedded PGlite (worker thread)';

export interface Store {
	/** What the server is started with to use it. */
	env: NodeJS.ProcessEnv;
	open(): Promise<Db>;
	drop(): Promise<void>;
}

export async function newStore(): Promise<Store> {
	if (!POSTGRES_URL) {
		const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
		return {
			env: { PGLITE_DIR: dataDir },
			open: () => openDb({ dataDir }),
			drop: async () => rmSync(dataDir, { recursive: true, force: true })
		};
	}
	const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
	const name = `concord_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(POSTGRES_URL);
	url.pathname = `/${name}`;
	return {
		env: { DATABASE_URL: url.href },
		open: () => openDb({ url: url.href }),
		async drop() {
			await admin.unsafe(`drop database "${name}" with (force)`);
			await admin.end();
		}
	};
}
