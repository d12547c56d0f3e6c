import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepUp, upkeepRound } from '../../../src/lib/server/db/embedded-upkeep.ts';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { openTestDb } from '../../helpers/db.ts';

let db: Db & { dispose(): Promise<void> };
beforeEach(async () => {
	db = await openTestDb();
});
afterEach(() => db.dispose());

/** What a busy document does between two compactions: 2,000 edits logged, then folded away. */
async function editAndCompact(): Promise<void> {
	await db.query(
		`insert into yjs_updates (doc, update)
		 select 'plan:p:step:1', decode(repeat('ab', 120), 'hex') from generate_series(1, 2000)`
	);
	await db.query(`delete from yjs_updates where doc = 'plan:p:step:1'`);
}

const logBytes = async () =>
	(
		await db.query<{ bytes: number }>(`select pg_total_relation_size('yjs_updates')::int as bytes`)
	)[0].bytes;

describe('upkeep of the embedded database (it has no autovacuum of its own)', () => {
	it('reclaims the update log after each compaction, so its files stop growing', async () => {
		const sizes: number[] = [];
		for (let cycle = 0; cycle < 6; cycle++) {
			await editAndCompact();
			const due = await upkeepRound(db);
			expect(due).toContainEqual(expect.objectContaining({ table: 'public.yjs_updates' }));
			sizes.push(await logBytes());
		}
		// Without upkeep each cycle adds its 2,000 rows' pages: six cycles, six times the first.
		expect(sizes.at(-1)!).toBeLessThanOrEqual(2 * sizes[0]);
	});

	it('without it, the same work grows the log by every row ever written', async () => {
		await editAndCompact();
		const first = await logBytes();
		for (let cycle = 1; cycle < 6; cycle++) await editAndCompact();
		expect(await logBytes()).toBeGreaterThan(4 * first);
	});

	it('leaves quiet tables alone', async () => {
		await upkeepRound(db);
		expect(await upkeepRound(db)).toEqual([]);
	});

	it('runs by itself on its timer', async () => {
		await editAndCompact();
		const upkeep = keepUp(db, 20);
		const vacuumed = async () =>
			(
				await db.query<{ n: number }>(
					`select vacuum_count::int as n from pg_stat_user_tables where relname = 'yjs_updates'`
				)
			)[0].n;
		await expect.poll(vacuumed, { timeout: 5000, interval: 50 }).toBeGreaterThan(0);
		await upkeep.stop();
	});
});
