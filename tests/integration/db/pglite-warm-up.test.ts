import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteWorker } from '../../../server/pglite/client.ts';
import { warmUp } from '../../../server/pglite/warm-up.ts';
import { migrate } from '../../../src/lib/server/db/migrate.ts';
import type { Db } from '../../../src/lib/server/db/types.ts';

describe("the embedded database's warm-up at start", () => {
	let db: Db;
	beforeAll(async () => {
		db = await openPgliteWorker();
		await migrate(db);
		// A table whose name needs quoting, as a later migration might add.
		await db.query(`create table "Odd name" (id int)`);
	});
	afterAll(() => db.close());

	it('reads every table of the schema once, and no row of any', async () => {
		const asked: string[] = [];
		const rows: unknown[][] = [];
		await warmUp({
			async query<T>(text: string, params?: unknown[]) {
				const answer = await db.query<T>(text, params);
				if (text.startsWith('select 1 from')) {
					asked.push(text);
					rows.push(answer as unknown[]);
				}
				return answer;
			},
			bulkInsert: (table, columns, copied) => db.bulkInsert(table, columns, copied)
		});
		const tables = await db.query<{ table_name: string }>(
			`select table_name from information_schema.tables
			 where table_schema = 'public' and table_type = 'BASE TABLE'`
		);
		expect(tables.length).toBeGreaterThan(10);
		expect(asked.toSorted()).toEqual(
			tables
				.map(({ table_name }) =>
					table_name === 'Odd name'
						? `select 1 from "Odd name" limit 1`
						: `select 1 from ${table_name} limit 1`
				)
				.toSorted()
		);
		expect(rows.flat().every((row) => JSON.stringify(row) === '{"?column?":1}')).toBe(true);
	});
});
