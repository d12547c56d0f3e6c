import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/index.ts';
import { appendDocuments, appendUpdates, type LoggedUpdate } from '../../src/lib/server/yjs-log.ts';
import { openTestDb } from '../helpers/db.ts';
import { planWithMembers, signedInUser } from '../helpers/fixtures.ts';
import { cellUpdate, sleep, type TestDb } from './collab/harness.ts';

let db: TestDb;
beforeAll(async () => (db = await openTestDb()));
afterAll(() => db.dispose());

/**
 * The two ways edits are logged: a beat's one statement (here one typed edit), and an import's
 * transaction for a batch too large for one statement (1,001 edits, one more than a statement
 * carries), whose cell history goes in by COPY.
 */
const PATHS = [
	{ path: 'a beat', edits: 1 },
	{ path: 'an import', edits: 1001 }
];

/** `edits` typed edits of an item's forecast, one month each, by `userId`. */
const typed = (itemId: string, userId: string, value: number, edits: number): LoggedUpdate[] =>
	Array.from({ length: edits }, (_, i) => {
		const period = `${2027 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
		return {
			update: cellUpdate(`${itemId}:${period}:forecast`, value),
			userId,
			kind: 'typed',
			cells: [{ ownerId: itemId, measure: 'forecast', period, old: null, new: value }]
		};
	});

/**
 * Logs `updates` of the plan's step 1 as the server would: a beat's one statement (here in a
 * transaction of its own, which a test can hold open), or an import's transaction.
 */
async function append(target: Db, planId: string, updates: LoggedUpdate[]): Promise<void> {
	const name = `plan/${planId}/step/1`;
	if (updates.length > 1) {
		await appendUpdates(target, name, updates);
		return;
	}
	await target.transaction(async (tx) => {
		const [outcome] = await appendDocuments(tx, [{ name, updates }]);
		if (outcome instanceof Error) throw outcome;
	});
}

const every = <T>(edits: number, value: T) => Array.from({ length: edits }, () => value);

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
 * Logs edits in a transaction left open until `release` is called: a commit under way, as another
 * process (or another request of this one) sees it.
 */
async function commitHeldOpen(planId: string, updates: LoggedUpdate[]) {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	let written!: () => void;
	const inside = new Promise<void>((resolve) => (written = resolve));
	const holding: Db = {
		...db,
		transaction: (fn) =>
			db.transaction(async (tx) => {
				const result = await fn(tx);
				written();
				await held;
				return result;
			})
	};
	const done = append(holding, planId, updates);
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

describe.each(PATHS)(
	'the update log and the cell history, written by $path, keep to the people and plans they name',
	({ edits }) => {
		it('logs the edit of a person deleted meanwhile without an author, and of a deleted plan without history', async () => {
			const leader = await signedInUser(db, 'Ref Leader');
			const gone = await signedInUser(db, 'Ref Gone');
			const { planId, itemId } = await planWithMembers(db, leader);
			await db.query(`delete from users where id = $1`, [gone.id]);
			await append(db, planId, typed(itemId, gone.id, 1, edits));
			expect(await logged(planId)).toEqual({
				log: every(edits, null),
				history: every(edits, null)
			});

			const other = await planWithMembers(db, leader);
			await db.query(`delete from plans where id = $1`, [other.planId]);
			await append(db, other.planId, typed(other.itemId, leader.id, 2, edits));
			expect(await logged(other.planId)).toEqual({ log: every(edits, leader.id), history: [] });
		});

		it("makes a person's deletion wait for a commit naming them, then leaves their edits unattributed", async () => {
			const leader = await signedInUser(db, 'Ref Leader 2');
			const typist = await signedInUser(db, 'Ref Typist');
			const { planId, itemId } = await planWithMembers(db, leader);
			const commit = await commitHeldOpen(planId, typed(itemId, typist.id, 3, edits));

			const deletion = watch(db.query(`delete from users where id = $1`, [typist.id]));
			await sleep(300);
			expect(deletion.finished).toBe(false);
			commit.release();
			await commit.done;
			await deletion.done;
			expect(await logged(planId)).toEqual({
				log: every(edits, null),
				history: every(edits, null)
			});
		});

		it("makes a plan's deletion wait for a commit of its history, then takes that history with it", async () => {
			const leader = await signedInUser(db, 'Ref Leader 3');
			const { planId, itemId } = await planWithMembers(db, leader);
			const commit = await commitHeldOpen(planId, typed(itemId, leader.id, 4, edits));

			const deletion = watch(db.query(`delete from plans where id = $1`, [planId]));
			await sleep(300);
			expect(deletion.finished).toBe(false);
			commit.release();
			await commit.done;
			await deletion.done;
			// The log is the documents', with no key to a plan: only the history goes with it.
			expect(await logged(planId)).toEqual({ log: every(edits, leader.id), history: [] });
		});
	}
);
