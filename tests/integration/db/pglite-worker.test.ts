import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteWorker } from '../../../server/pglite/client.ts';
import { migrate } from '../../../src/lib/server/db/migrate.ts';
import type { Db } from '../../../src/lib/server/db/types.ts';
import { THREAD_NAMES } from '../../../src/lib/server/thread-name.ts';
import { BACKGROUND_NICE } from '../../../src/lib/server/thread-priority.ts';
import { watchStalls } from '../../helpers/stalls.ts';
import { threadsOfThisProcess } from '../../helpers/threads.ts';

describe('the embedded database in a worker thread', () => {
	let db: Db;
	beforeAll(async () => {
		db = await openPgliteWorker();
		await migrate(db);
	});
	afterAll(() => db.close());

	it('answers queries with the rows and types the in-process database gives', async () => {
		const bytes = new Uint8Array([0, 1, 2, 250]);
		await db.query(`create table blobs (id int primary key, data bytea, at timestamptz)`);
		await db.query(`insert into blobs values (1, $1, now())`, [bytes]);
		const [row] = await db.query<{ id: number; data: Uint8Array; at: Date }>(
			`select id, data, at from blobs`
		);
		expect(row.id).toBe(1);
		expect(row.data).toEqual(bytes);
		expect(row.at).toBeInstanceOf(Date);
	});

	it('keeps every byte of bytea both ways, from none to a quarter of a megabyte', async () => {
		await db.query(`create table chunks (id int primary key, data bytea not null)`);
		const every = Uint8Array.from({ length: 256 }, (_, i) => i);
		const large = Uint8Array.from({ length: 1 << 18 }, (_, i) => (i * 7919) % 256);
		// A view into a larger buffer too: only its own bytes go in.
		const values = [new Uint8Array(0), every, large, large.subarray(1000, 1010)];
		for (const [id, data] of values.entries()) {
			await db.query(`insert into chunks values ($1, $2)`, [id, data]);
		}
		const rows = await db.query<{ data: Uint8Array; hex: string }>(
			`select data, encode(data, 'hex') as hex from chunks order by id`
		);
		expect(rows.map((r) => r.data)).toEqual(values);
		// Postgres holds the bytes themselves, not some encoding of them.
		expect(rows[1].hex).toBe(Buffer.from(every).toString('hex'));
	});

	it('runs in a thread named for it (top -H tells it from the event loop), below the event loop', () => {
		const threads = threadsOfThisProcess();
		const database = threads.filter((t) => t.name === THREAD_NAMES.database);
		expect(database.length).toBeGreaterThan(0);
		// When the cores are busy, relaying edits goes first; the process itself keeps its priority.
		for (const thread of database) expect(thread.nice).toBe(BACKGROUND_NICE);
		expect(threads.find((t) => t.tid === process.pid)?.nice).toBe(0);
	});

	it('commits a transaction, and rolls one back when its work throws', async () => {
		await db.query(`create table counts (n int)`);
		await db.transaction(async (tx) => {
			await tx.query(`insert into counts values (1)`);
			await tx.query(`insert into counts values (2)`);
		});
		const failure = await db
			.transaction(async (tx) => {
				await tx.query(`insert into counts values (3)`);
				throw new Error('changed my mind');
			})
			.catch((e: unknown) => e);
		expect((failure as Error).message).toBe('changed my mind');
		expect(await db.query(`select n from counts order by n`)).toEqual([{ n: 1 }, { n: 2 }]);
	});

	it('passes on Postgres errors with their code', async () => {
		await db.query(`create table uniq (k text primary key)`);
		await db.query(`insert into uniq values ('a')`);
		const error = await db.query(`insert into uniq values ('a')`).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as { code?: string }).code).toBe('23505');
		expect((error as Error).message).toMatch(/duplicate key/);
	});

	it('keeps the event loop free while a long query runs', async () => {
		const query = () => db.query(`select count(*) from generate_series(1, 2000000)`);
		const started = performance.now();
		const watch = watchStalls();
		let stall: number;
		try {
			await query();
		} finally {
			stall = watch.stop();
		}
		const took = performance.now() - started;
		// The query itself takes a good while; the loop went on turning meanwhile.
		expect(took).toBeGreaterThan(100);
		expect(stall).toBeLessThan(Math.max(60, took / 4));
	});
});

it('keeps its data in its folder across a restart', async () => {
	const dir = await mkdtemp(join(tmpdir(), 'concord-worker-'));
	try {
		// A fresh clone has no .data folder yet.
		const first = await openPgliteWorker(join(dir, '.data', 'pglite'));
		await migrate(first);
		await first.query(`insert into users (id, email, name, password_hash, color)
			values ('u1', 'a@b.c', 'A', 'x', '#000')`);
		await first.close();
		const second = await openPgliteWorker(join(dir, '.data', 'pglite'));
		expect(await second.query(`select name from users`)).toEqual([{ name: 'A' }]);
		await second.close();
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
	// A new folder is initialised from scratch (initdb in WebAssembly): tens of seconds on a busy machine.
}, 120_000);
