import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteWorker } from '../../../server/pglite/client.ts';
import { byteaHex } from '../../../src/lib/server/db/bytea-hex.ts';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { openTestDb } from '../../helpers/db.ts';

const prepared = { prepare: true };
/** Rows with their bytes as plain Uint8Arrays (postgres-js reads bytea as a Buffer). */
const plain = (rows: Record<string, unknown>[]) =>
	rows.map((row) => ({ ...row, data: new Uint8Array(row.data as Uint8Array) }));
const INSERT = `insert into kept (id, data, note)
	select id, data::bytea, note from unnest($1::int[], $2::text[], $3::text[]) as v(id, data, note)
	returning id, data, note`;

/** The statement prepared once, run again and again: what the update log does every beat. */
function preparedStatements(open: () => Promise<Db & { dispose?(): Promise<void> }>) {
	let db: Db & { dispose?(): Promise<void> };
	beforeAll(async () => {
		db = await open();
		await db.query(`create table kept (id int primary key, data bytea not null, note text)`);
	});
	afterAll(async () => {
		await db.query(`drop table kept`);
		await (db.dispose ? db.dispose() : db.close());
	});

	it('writes and returns every row, for any number of rows, run after run', async () => {
		const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) % 256);
		for (const ids of [[1], [2, 3, 4], [5, 6]]) {
			const rows = await db.query(
				INSERT,
				[
					ids,
					ids.map((id) => byteaHex(bytes(id))),
					ids.map((id) => (id % 2 ? `note ${id}` : null))
				],
				prepared
			);
			expect(plain(rows)).toEqual(
				ids.map((id) => ({ id, data: bytes(id), note: id % 2 ? `note ${id}` : null }))
			);
		}
		const again = await db.query(`select id, data, note from kept order by id`);
		expect(again.map((row) => row.id)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(plain(again)[3]).toEqual({ id: 4, data: bytes(4), note: null });
	});

	it('fails with the database error, and the next statements run as usual', async () => {
		const error = await db
			.query(INSERT, [[1], [byteaHex(new Uint8Array([9]))], ['taken']], prepared)
			.catch((e: unknown) => e);
		expect(error).toMatchObject({ code: '23505' });
		const rows = await db.query(
			INSERT,
			[[7], [byteaHex(new Uint8Array([7]))], ['seven']],
			prepared
		);
		expect(plain(rows)).toEqual([{ id: 7, data: new Uint8Array([7]), note: 'seven' }]);
		expect(await db.query(`select count(*)::int as n from kept`)).toEqual([{ n: 7 }]);
	});

	it('fails on a text that does not parse, keeps nothing of it, and runs the next', async () => {
		const broken = `insert into kept (id) valuez ($1)`;
		for (let attempt = 0; attempt < 2; attempt++) {
			const error = await db.query(broken, [12], prepared).catch((e: unknown) => e);
			expect(error).toMatchObject({ code: '42601' });
		}
		const none = await db.query(`insert into kept (id, data) values ($1, '\\x0c')`, [12], prepared);
		expect(none).toEqual([]);
		const rows = await db.query(`select id, note from kept where id = $1`, [12], prepared);
		expect(rows).toEqual([{ id: 12, note: null }]);
		await db.query(`delete from kept where id = 12`);
	});

	it('belongs to the transaction it runs in: rolled back with it, or committed', async () => {
		const failure = await db
			.transaction(async (tx) => {
				await tx.query(INSERT, [[8], [byteaHex(new Uint8Array([8]))], [null]], prepared);
				throw new Error('changed my mind');
			})
			.catch((e: unknown) => e);
		expect((failure as Error).message).toBe('changed my mind');
		await db.transaction((tx) =>
			tx.query(INSERT, [[9], [byteaHex(new Uint8Array([9]))], [null]], prepared)
		);
		const ids = await db.query<{ id: number }>(`select id from kept where id > 7 order by id`);
		expect(ids.map((row) => row.id)).toEqual([9]);
	});

	it('outside a transaction, stays out of one another caller has open', async () => {
		let insertOutside!: Promise<unknown>;
		await db
			.transaction(async (tx) => {
				await tx.query(`insert into kept values (10, '\\x0a', 'inside')`);
				insertOutside = db.query(
					INSERT,
					[[11], [byteaHex(new Uint8Array([11]))], ['outside']],
					prepared
				);
				await new Promise((resolve) => setTimeout(resolve, 50));
				throw new Error('roll back');
			})
			.catch(() => {});
		await insertOutside;
		const ids = await db.query<{ id: number }>(`select id from kept where id >= 10 order by id`);
		expect(ids.map((row) => row.id)).toEqual([11]);
	});
}

describe('prepared statements', () => preparedStatements(openTestDb));

describe('prepared statements through the embedded database worker', () =>
	preparedStatements(() => openPgliteWorker()));
