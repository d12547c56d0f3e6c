import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

export type { Db, Queryable, QueryOptions } from './types.ts';

export interface DbConfig {
	/** A Postgres server URL; without it the embedded PGlite is used. */
	url?: string;
	/** PGlite data folder; undefined with no url means in memory. */
	dataDir?: string;
	/** Postgres schema to work in (tests isolate themselves this way). */
	schema?: string;
}

export async function openDb(config: DbConfig): Promise<Db> {
	const db = config.url
		? await openPostgres(config.url, { schema: config.schema })
		: await openPglite(config.dataDir);
	await migrate(db);
	return db;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
	return env.DATABASE_URL
		? { url: env.DATABASE_URL }
		: { dataDir: env.PGLITE_DIR ?? '.data/pglite' };
}

/*
 * One database per process. The SvelteKit bundle and the collaboration server are separate module
 * graphs in one process (and PGlite must never be opened twice on one folder), so the handle lives
 * on globalThis rather than in a module variable.
 */
const KEY = Symbol.for('concord.db');
type Holder = { [KEY]?: Promise<Db> };

export function getDb(): Promise<Db> {
	const holder = globalThis as Holder;
	holder[KEY] ??= openDb(configFromEnv());
	return holder[KEY];
}

/** Installs an already-open database as the process database (tests and the bench server). */
export function setDb(db: Db): void {
	(globalThis as Holder)[KEY] = Promise.resolve(db);
}
