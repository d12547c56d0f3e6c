import type { Db, Queryable, QueryOptions } from '../../../src/lib/server/db/index.ts';

/** The same database with `before` awaited ahead of every statement that matches `pattern`. */
export function interceptDb(db: Db, pattern: RegExp, before: () => Promise<void>): Db {
	const wrap = (q: Queryable): Queryable => ({
		async query<T>(text: string, params?: unknown[], options?: QueryOptions) {
			if (pattern.test(text)) await before();
			return q.query<T>(text, params, options);
		},
		bulkInsert: (table, columns, rows) => q.bulkInsert(table, columns, rows)
	});
	return {
		kind: db.kind,
		...wrap(db),
		transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
		reachable: () => db.reachable(),
		close: () => db.close()
	};
}

/** A database whose log inserts wait while the gate is held. */
export function gatedDb(db: Db): { db: Db; hold(): void; release(): void } {
	let held: Promise<void> | null = null;
	let open = () => {};
	return {
		db: interceptDb(db, /insert into yjs_updates/, () => held ?? Promise.resolve()),
		hold() {
			held = new Promise((resolve) => (open = resolve));
		},
		release() {
			held = null;
			open();
		}
	};
}
