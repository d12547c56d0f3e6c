import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import { appendDocuments, type LoggedUpdate } from '../../src/lib/server/yjs-log.ts';
import { openTestDb } from '../helpers/db.ts';
import { planWithMembers, signedInUser } from '../helpers/fixtures.ts';
import { cellUpdate, sleep, type TestDb } from './collab/harness.ts';

let db: TestDb;
beforeAll(async () => (db = await openTestDb()));
afterAll(() => db.dispose());

/** One typed edit of an item's January forecast, by `userId`. */
const typed = (itemId: string, userId: string, value: number): LoggedUpdate[] => [
	{
		update: cellUpdate(`${itemId}:2027-01:forecast`, value),
		userId,
		kind: 'typed',
		cells: [{ ownerId: itemId, measure: 'forecast', period: '2027-01', old: null, new: value }]
	}
];

async function logged(planId: string) {
	const log = await db.query<{ user_id: string | null }>(
		`select user_id from yjs_updates where doc = $1`,
		[`plan/${planId}/step/1`]
	);
	const history = await db.query<{ user_id: string | null }>(
		`select user_id from cell_edits where plan_id = $1`,
		[planId]
	);
	return { log: log.map((r) => r.user_id), history: history.map((r) => r.user_id) };
}

/**
 * Logs an edit in a transaction left open until `release` is called: a commit under way, as
 * another process (or another request of this one) sees it.
 */
async function commitHeldOpen(planId: string, updates: LoggedUpdate[]) {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	let written!: () => void;
	const inside = new Promise<void>((resolve) => (written = resolve));
	const done = db.transaction(async (tx: Queryable) => {
		const [outcome] = await appendDocuments(tx, [{ name: `plan/${planId}/step/1`, updates }]);
		if (outcome instanceof Error) throw outcome;
		written();
		await held;
	});
	await inside;
	return { release, done };
}

/** Runs `statement`, reporting whether it has finished yet. */
function watch(statement: Promise<unknown>): { finished: boolean; done: Promise<void> } {
	const state = { finished: false, done: Promise.resolve() };
	state.done = statement.then(() => {
		state.finished = true;
	});
	return state;
}

describe('the update log and the cell history keep to the people and plans they name', () => {
	it('logs the edit of a person deleted meanwhile without an author, and of a deleted plan without history', async () => {
		const leader = await signedInUser(db, 'Ref Leader');
		const gone = await signedInUser(db, 'Ref Gone');
		const { planId, itemId } = await planWithMembers(db, leader);
		await db.query(`delete from users where id = $1`, [gone.id]);
		await appendDocuments(db, [
			{ name: `plan/${planId}/step/1`, updates: typed(itemId, gone.id, 1) }
		]);
		expect(await logged(planId)).toEqual({ log: [null], history: [null] });

		const other = await planWithMembers(db, leader);
		await db.query(`delete from plans where id = $1`, [other.planId]);
		const name = `plan/${other.planId}/step/1`;
		await appendDocuments(db, [{ name, updates: typed(other.itemId, leader.id, 2) }]);
		expect(await logged(other.planId)).toEqual({ log: [leader.id], history: [] });
	});

	it("makes a person's deletion wait for a commit naming them, then leaves their edits unattributed", async () => {
		const leader = await signedInUser(db, 'Ref Leader 2');
		const typist = await signedInUser(db, 'Ref Typist');
		const { planId, itemId } = await planWithMembers(db, leader);
		const commit = await commitHeldOpen(planId, typed(itemId, typist.id, 3));

		const deletion = watch(db.query(`delete from users where id = $1`, [typist.id]));
		await sleep(300);
		expect(deletion.finished).toBe(false);
		commit.release();
		await commit.done;
		await deletion.done;
		expect(await logged(planId)).toEqual({ log: [null], history: [null] });
	});

	it("makes a plan's deletion wait for a commit of its history, then takes that history with it", async () => {
		const leader = await signedInUser(db, 'Ref Leader 3');
		const { planId, itemId } = await planWithMembers(db, leader);
		const commit = await commitHeldOpen(planId, typed(itemId, leader.id, 4));

		const deletion = watch(db.query(`delete from plans where id = $1`, [planId]));
		await sleep(300);
		expect(deletion.finished).toBe(false);
		commit.release();
		await commit.done;
		await deletion.done;
		// The log is the documents', with no key to a plan: only the history goes with it.
		expect(await logged(planId)).toEqual({ log: [leader.id], history: [] });
	});
});
