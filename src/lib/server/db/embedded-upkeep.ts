import type { Queryable } from './types.ts';
import { upkeepDue, type TableActivity, type Upkeep } from './upkeep-due.ts';

/** How often the tables are looked at: Postgres' `autovacuum_naptime`. */
export const UPKEEP_EVERY_MS = 60_000;

/**
 * Does autovacuum's work for the embedded database. PGlite is Postgres without its background
 * processes, autovacuum among them: the update log's rows deleted by every compaction, and every
 * replaced snapshot, were never reclaimed, and the data folder grew by every edit ever made. Each
 * round vacuums or analyzes the tables autovacuum's rules find due, one statement each, so that
 * the server's own queries go in between. `stop` waits for a round under way.
 */
export function keepUp(db: Queryable, everyMs = UPKEEP_EVERY_MS): { stop(): Promise<void> } {
	let round: Promise<unknown> | null = null;
	const timer = setInterval(() => {
		round ??= upkeepRound(db)
			.catch((error: unknown) => console.error('embedded database upkeep failed', error))
			.finally(() => (round = null));
	}, everyMs);
	// A process with nothing else to do ends: upkeep is no reason to stay.
	timer.unref();
	return {
		async stop() {
			clearInterval(timer);
			await round;
		}
	};
}

/** One round: what the tables' counts make due, done; returns what was due. */
export async function upkeepRound(db: Queryable): Promise<Upkeep[]> {
	// The session publishes its counts only when idle, and at most once a second: now, for the read.
	await db.query(`select pg_stat_force_next_flush()`);
	const activity = await db.query<TableActivity>(
		`select format('%I.%I', s.schemaname, s.relname) as "table", c.reltuples::float8 as tuples,
		        s.n_dead_tup::float8 as dead, s.n_ins_since_vacuum::float8 as inserted,
		        s.n_mod_since_analyze::float8 as modified
		 from pg_stat_user_tables s join pg_class c on c.oid = s.relid`
	);
	const due = upkeepDue(activity);
	for (const { table, vacuum, analyze } of due) {
		await db.query(vacuum ? `vacuum ${analyze ? '(analyze) ' : ''}${table}` : `analyze ${table}`);
	}
	return due;
}
