import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Db, Queryable, QueryOptions } from '../../../src/lib/server/db/index.ts';
import { claimFence, FencedOut } from '../../../src/lib/server/cluster/fence.ts';
import { loadDocument } from '../../../src/lib/server/yjs-store.ts';
import { appendUpdates, type LoggedUpdate } from '../../../src/lib/server/yjs-log.ts';
import { LogCommits } from '../../../server/collab/log-commits.ts';
import { openTestDb } from '../../helpers/db.ts';
import { cellUpdate, sleep, type TestDb } from './harness.ts';
import { planWithMembers, signedInUser } from '../../helpers/fixtures.ts';

let db: TestDb;
beforeAll(async () => (db = await openTestDb()));
afterAll(() => db.dispose());

/** The test database, counting the statements that log; one that logs to `refused` fails. */
function watched(refused?: string): { db: Db; statements(): number } {
	let statements = 0;
	const wrap = (q: Queryable): Queryable => ({
		async query<T>(text: string, params?: unknown[], options?: QueryOptions) {
			if (/insert into yjs_updates/.test(text)) statements++;
			// The log's statement takes each column as an array: the document names are one of them.
			const names = params?.flatMap((param) => (Array.isArray(param) ? param : [param]));
			if (refused && names?.includes(refused)) throw new Error(`no log for ${refused}`);
			return q.query<T>(text, params, options);
		},
		bulkInsert: (table, columns, rows) => q.bulkInsert(table, columns, rows)
	});
	return {
		db: {
			kind: db.kind,
			...wrap(db),
			transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
			reachable: () => db.reachable(),
			close: () => db.close()
		},
		statements: () => statements
	};
}

const edit = (key: string, value: number): LoggedUpdate[] => [
	{ update: cellUpdate(key, value), userId: null }
];

async function stored(name: string): Promise<unknown> {
	const doc = new Y.Doc();
	await loadDocument(db, name, doc);
	return doc.getMap('cells').toJSON();
}

describe('commits shared by the rooms of a process', () => {
	it('logs the batches of one moment in one statement, each answered with its own log id', async () => {
		const w = watched();
		const commits = new LogCommits(async () => w.db, 10);
		const names = ['plan/group-a/step/1', 'plan/group-b/step/1', 'plan/group-c/step/2'];
		const ids = await Promise.all(names.map((name, i) => commits.append(name, edit('x', i))));
		expect(w.statements()).toBe(1);
		expect(new Set(ids).size).toBe(3);
		for (const [i, name] of names.entries()) expect(await stored(name)).toEqual({ x: i });
	});

	it('logs the cell history of every step document in the group, each under its plan', async () => {
		const leader = await signedInUser(db, 'Group Leader');
		const { planId: one, itemId: a } = await planWithMembers(db, leader);
		const { planId: two, itemId: b } = await planWithMembers(db, leader);
		const commits = new LogCommits(async () => db, 10);
		const typed = (ownerId: string, value: number): LoggedUpdate[] => [
			{
				update: cellUpdate(`${ownerId}:2027-01:forecast`, value),
				userId: leader.id,
				kind: 'typed',
				cells: [{ ownerId, measure: 'forecast', period: '2027-01', old: null, new: value }]
			}
		];
		const fence = { planId: two, token: await claimFence(db, two) };
		await Promise.all([
			commits.append(`plan/${one}/step/1`, typed(a, 1)),
			commits.append(`plan/${one}/step/2`, typed(a, 2)),
			commits.append(`plan/${two}/step/1`, typed(b, 3), fence)
		]);
		const rows = await db.query<{ plan_id: string; step: number; new_value: number }>(
			`select plan_id, step, new_value from cell_edits
			 where plan_id in ($1, $2) and user_id = $3 and kind = 'typed' order by new_value`,
			[one, two, leader.id]
		);
		expect(rows).toEqual([
			{ plan_id: one, step: 1, new_value: 1 },
			{ plan_id: one, step: 2, new_value: 2 },
			{ plan_id: two, step: 1, new_value: 3 }
		]);
	});

	it('starts another statement when one is full, and logs a batch too large to share one alone', async () => {
		const w = watched();
		const commits = new LogCommits(async () => w.db, 10);
		const many = (name: string, count: number) =>
			commits.append(
				name,
				Array.from({ length: count }, (_, i) => edit(`k${i}`, i)[0])
			);
		// 600 fits a statement; 600 more do not (1,000 rows at most): they start the next, and 10
		// join them. Then 1,200 alone take two statements of their own.
		await Promise.all([
			many('plan/full-a/step/1', 600),
			many('plan/full-b/step/1', 600),
			many('plan/full-c/step/1', 10),
			many('plan/full-d/step/1', 1200)
		]);
		expect(w.statements()).toBe(4);
		for (const [name, count] of [
			['plan/full-a/step/1', 600],
			['plan/full-b/step/1', 600],
			['plan/full-c/step/1', 10],
			['plan/full-d/step/1', 1200]
		] as const) {
			expect(Object.keys((await stored(name)) as object)).toHaveLength(count);
		}
	});

	it('writes a failed group again batch by batch: only the batch that fails fails', async () => {
		const w = watched('plan/poison/step/1');
		const commits = new LogCommits(async () => w.db, 10);
		const good = commits.append('plan/fine/step/1', edit('y', 1));
		const bad = commits.append('plan/poison/step/1', edit('y', 2));
		await expect(bad).rejects.toThrow('no log for plan/poison/step/1');
		expect(await good).toBeGreaterThan(0);
		// The group's statement, then each batch alone.
		expect(w.statements()).toBe(3);
		expect(await stored('plan/fine/step/1')).toEqual({ y: 1 });
		expect(await stored('plan/poison/step/1')).toEqual({});
	});

	it('refuses the batch of a plan taken over, and commits the others with it', async () => {
		const w = watched();
		const commits = new LogCommits(async () => w.db, 10);
		const kept = { planId: 'fenced-kept', token: await claimFence(db, 'fenced-kept') };
		const lost = { planId: 'fenced-lost', token: await claimFence(db, 'fenced-lost') };
		await claimFence(db, lost.planId);
		const mine = commits.append('plan/fenced-kept/step/1', edit('z', 1), kept);
		const theirs = commits.append('plan/fenced-lost/step/1', edit('z', 2), lost);
		await expect(theirs).rejects.toBeInstanceOf(FencedOut);
		expect(await mine).toBeGreaterThan(0);
		expect(w.statements()).toBe(1);
		expect(await stored('plan/fenced-kept/step/1')).toEqual({ z: 1 });
		expect(await stored('plan/fenced-lost/step/1')).toEqual({});
	});

	it('runs each flush asked for once, on the next beat, unless taken back', async () => {
		const commits = new LogCommits(async () => db, 20);
		const runs: string[] = [];
		const first = () => runs.push('first');
		const second = () => runs.push('second');
		commits.onNextBeat(first);
		commits.onNextBeat(first);
		commits.onNextBeat(second);
		commits.cancel(second);
		expect(runs).toEqual([]);
		await sleep(60);
		expect(runs).toEqual(['first']);
		commits.onNextBeat(second);
		await sleep(60);
		expect(runs).toEqual(['first', 'second']);
	});
});

describe('the beat', () => {
	it('saves a lone edit at once, and under a stream of edits runs at most once an interval', async () => {
		const commits = new LogCommits(async () => db, 500);
		const runs: string[] = [];
		commits.onNextBeat(() => runs.push('lone'));
		await sleep(50);
		expect(runs).toEqual(['lone']);
		// Right after that beat: the next waits out the interval, however many ask for it.
		commits.onNextBeat(() => runs.push('next'));
		await sleep(100);
		expect(runs).toEqual(['lone']);
		await sleep(500);
		expect(runs).toEqual(['lone', 'next']);
	});
});

describe('a batch too large for one statement', () => {
	it('is logged in one transaction with all its cell history, or not at all once fenced out', async () => {
		const leader = await signedInUser(db, 'Import Leader');
		const { planId, itemId } = await planWithMembers(db, leader);
		const name = `plan/${planId}/step/1`;
		// An import: 1,100 updates (two statements' worth of rows), the last one changing 21,000
		// cells (more history than one statement carries).
		const changes = Array.from({ length: 21_000 }, (_, i) => ({
			ownerId: itemId,
			measure: 'forecast',
			period: `m${i}`,
			old: null,
			new: i
		}));
		const updates: LoggedUpdate[] = Array.from({ length: 1100 }, (_, i) => ({
			update: cellUpdate(`k${i}`, i),
			userId: leader.id,
			kind: 'import',
			cells: i === 1099 ? changes : [changes[i]]
		}));
		const history = async () =>
			Number(
				(
					await db.query<{ n: string | number }>(
						`select count(*) as n from cell_edits where plan_id = $1`,
						[planId]
					)
				)[0].n
			);
		const fence = { planId, token: await claimFence(db, planId) };
		const w = watched();
		const lastId = await appendUpdates(w.db, name, updates, fence);
		expect(w.statements()).toBe(2);
		expect(lastId).toBeGreaterThan(0);
		expect(Object.keys((await stored(name)) as object)).toHaveLength(1100);
		expect(await history()).toBe(1099 + 21_000);

		await claimFence(db, planId);
		const again = updates.map((u, i) => ({ ...u, update: cellUpdate(`late${i}`, i) }));
		await expect(appendUpdates(db, name, again, fence)).rejects.toBeInstanceOf(FencedOut);
		expect(Object.keys((await stored(name)) as object)).toHaveLength(1100);
		expect(await history()).toBe(1099 + 21_000);
	});

	it('writes its cell history once when written again after the answer to its commit was lost', async () => {
		const leader = await signedInUser(db, 'Retry Leader');
		const { planId, itemId } = await planWithMembers(db, leader);
		const name = `plan/${planId}/step/1`;
		const write = (i: number): LoggedUpdate => ({
			update: cellUpdate(`r${i}`, i),
			userId: leader.id,
			kind: 'import',
			writeId: `retry-${planId}.${i}`,
			cells: [{ ownerId: itemId, measure: 'forecast', period: `m${i}`, old: null, new: i }]
		});
		const recorded = () =>
			db.query<{ write_id: string; n: string | number }>(
				`select write_id, count(*) as n from cell_edits where plan_id = $1 group by write_id`,
				[planId]
			);
		// One more update than a statement carries: the import's transaction.
		const first = Array.from({ length: 1001 }, (_, i) => write(i));
		await appendUpdates(db, name, first);
		expect(await recorded()).toHaveLength(1001);
		// The same batch again, as after a lost answer, with a write that is new beside it.
		await appendUpdates(db, name, [...first, write(1001)]);
		const rows = await recorded();
		expect(rows).toHaveLength(1002);
		expect(rows.every((row) => Number(row.n) === 1)).toBe(true);
	});

	it('gives an update larger than a statement carries a statement of its own', async () => {
		const name = `plan/big-update-${Date.now()}/step/1`;
		const big = new Y.Doc();
		big.getMap('cells').set('big', 'x'.repeat(9 * 1024 * 1024));
		const updates: LoggedUpdate[] = [
			{ update: cellUpdate('before', 1), userId: null },
			{ update: Y.encodeStateAsUpdate(big), userId: null },
			{ update: cellUpdate('after', 2), userId: null },
			{ update: cellUpdate('later', 3), userId: null }
		];
		const w = watched();
		await appendUpdates(w.db, name, updates);
		// The first alone (the big one does not fit beside it), the big one, then the two after it.
		expect(w.statements()).toBe(3);
		const cells = (await stored(name)) as Record<string, unknown>;
		expect(Object.keys(cells).sort()).toEqual(['after', 'before', 'big', 'later']);
	});
});
