import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteWorker } from '../../../server/pglite/client.ts';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { openTestDb } from '../../helpers/db.ts';

const COLUMNS = [
	['id', 'int'],
	['note', 'text'],
	['amount', 'float8']
] as const;
type Row = { id: number; note: string | null; amount: number | null };
const AWKWARD: [number, string | null, number | null][] = [
	[1, 'tab\there, line\nbreak, back\\slash, cr\r', 1.5],
	[2, 'NULL', null],
	[3, '', -0.25],
	[4, null, 1e21],
	[5, 'Müller 東京 "quoted" {braces},commas', 42],
	[6, 'not a number', NaN]
];

/** Rows appended to a table, as an import's cell history is written, on one kind of database. */
function bulkInserts(open: () => Promise<Db & { dispose?(): Promise<void> }>) {
	let db: Db & { dispose?(): Promise<void> };
	beforeAll(async () => {
		db = await open();
		await db.query(`create table copied (id int primary key, note text, amount float8)`);
	});
	afterAll(async () => {
		await db.query(`drop table copied`);
		await (db.dispose ? db.dispose() : db.close());
	});
	const read = (from: number, to: number) =>
		db.query<Row>(`select id, note, amount from copied where id between $1 and $2 order by id`, [
			from,
			to
		]);

	it('stores every value as given: text with tabs, newlines and backslashes, null, numbers, NaN', async () => {
		await db.bulkInsert('copied', COLUMNS, AWKWARD);
		expect(await read(1, 6)).toEqual(
			AWKWARD.map(([id, note, amount]) => ({ id, note, amount: amount === null ? null : amount }))
		);
	});

	it('in a transaction, is undone with it', async () => {
		await db
			.transaction(async (tx) => {
				await tx.bulkInsert('copied', COLUMNS, [[10, 'inside', 1]]);
				expect(await tx.query(`select id from copied where id = 10`)).toHaveLength(1);
				throw new Error('roll back');
			})
			.catch(() => {});
		expect(await read(10, 10)).toEqual([]);
	});

	it('fails whole on a row the table refuses, and the database goes on answering', async () => {
		const rows: [number, string, number][] = [
			[20, 'fine', 1],
			[1, 'a duplicate id', 2]
		];
		await expect(db.bulkInsert('copied', COLUMNS, rows)).rejects.toThrow(/duplicate key/);
		expect(await read(20, 20)).toEqual([]);
		await db.bulkInsert('copied', COLUMNS, [[21, 'after', 3]]);
		expect(await read(21, 21)).toEqual([{ id: 21, note: 'after', amount: 3 }]);
	});
}

describe('rows appended in bulk', () => bulkInserts(openTestDb));
describe('rows appended in bulk through the embedded database worker', () =>
	bulkInserts(() => openPgliteWorker()));
