/** What the database counted of one table's changes since it was last vacuumed and analyzed. */
export interface TableActivity {
	/** The table's name, quoted as a statement takes it. */
	table: string;
	/** Rows the table held when last counted (`pg_class.reltuples`; negative: never counted). */
	tuples: number;
	/** Rows deleted or replaced and not yet reclaimed. */
	dead: number;
	/** Rows inserted since the last vacuum. */
	inserted: number;
	/** Rows changed since the last analyze. */
	modified: number;
}

/** What one table needs: a vacuum (which can analyze too), or an analyze alone. */
export interface Upkeep {
	table: string;
	vacuum: boolean;
	analyze: boolean;
}

/**
 * Postgres' own autovacuum defaults (`autovacuum_vacuum_threshold` and the rest): a table is
 * vacuumed once its dead rows, or the rows inserted since the last vacuum, pass a base plus a share
 * of its size, and analyzed once its changed rows do.
 */
const VACUUM = { base: 50, share: 0.2 };
const VACUUM_INSERTS = { base: 1000, share: 0.2 };
const ANALYZE = { base: 50, share: 0.1 };

/** The tables due for upkeep by autovacuum's rules, and what each needs. */
export function upkeepDue(activity: readonly TableActivity[]): Upkeep[] {
	return activity.flatMap(({ table, tuples, dead, inserted, modified }) => {
		const size = Math.max(0, tuples);
		const past = (count: number, rule: { base: number; share: number }) =>
			count > rule.base + rule.share * size;
		const vacuum = past(dead, VACUUM) || past(inserted, VACUUM_INSERTS);
		const analyze = past(modified, ANALYZE);
		return vacuum || analyze ? [{ table, vacuum, analyze }] : [];
	});
}
