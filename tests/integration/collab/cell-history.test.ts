import { describe, expect, it } from 'vitest';
import { functionTeam, planWithMembers } from '../../helpers/fixtures.ts';
import { cellKey, rowKey } from '../../../src/lib/domain/measures.ts';
import { encodeEditKind } from '../../../src/lib/sync/edit-kind.ts';
import { MESSAGE_EDIT_KIND } from '../../../src/lib/sync/protocol.ts';
import * as encoding from 'lib0/encoding';
import type { Db, QueryOptions } from '../../../src/lib/server/db/index.ts';
import {
	cellUpdate,
	collabSuite,
	connectPeer,
	RawClient,
	startCollab,
	synced,
	waitFor,
	type TestDb
} from './harness.ts';

/** The cell history is written with the update log, by the collaboration server. */
const s = collabSuite(functionTeam, { flushIntervalMs: 20 });

async function freshPlan(db: TestDb = s.db) {
	const { planId, itemId } = await planWithMembers(db, s.leader, s.members);
	return { planId, itemId, step1: `plan/${planId}/step/1` };
}

interface EditRow {
	owner_id: string;
	measure: string;
	period: string;
	old_value: number | null;
	new_value: number | null;
	user_id: string | null;
	kind: string;
	edit_cells: number;
	step: number;
}

const edits = (planId: string) =>
	s.db.query<EditRow>(
		`select owner_id, measure, period, old_value, new_value, user_id, kind, edit_cells, step
		 from cell_edits where plan_id = $1 order by id`,
		[planId]
	);

describe('cell history recording', () => {
	it("records a person's edit with its effective old and new value, its author and kind", async () => {
		const { planId, itemId, step1 } = await freshPlan();
		const key = cellKey(itemId, '2027-02', 'forecast');
		await s.h.collab.write(
			step1,
			{ userId: s.leader.id, source: 'import' },
			{ base: [[rowKey(itemId, 'forecast'), [10, 20, 30]]] }
		);
		const raw = await RawClient.connect(s.h, step1, s.sales);
		raw.send(encodeEditKind('typed'));
		raw.sendUpdate(cellUpdate(key, 25));
		await waitFor(() => raw.acks.length > 0, 'edit saved');
		// The same cell again, without saying how: an edit of unknown kind.
		const peer = await synced(connectPeer(s.h, step1, s.leader));
		peer.cells.delete(key);
		await waitFor(async () => (await edits(planId)).length === 5, 'five rows');

		const rows = await edits(planId);
		expect(
			rows.slice(0, 3).map((r) => [r.period, r.old_value, r.new_value, r.kind, r.edit_cells])
		).toEqual([
			['2027-01', null, 10, 'import', 3],
			['2027-02', null, 20, 'import', 3],
			['2027-03', null, 30, 'import', 3]
		]);
		expect(rows[3]).toEqual({
			owner_id: itemId,
			measure: 'forecast',
			period: '2027-02',
			old_value: 20,
			new_value: 25,
			user_id: s.sales.id,
			kind: 'typed',
			edit_cells: 1,
			step: 1
		});
		// Deleting the edit shows the base value again.
		expect(rows[4]).toMatchObject({
			old_value: 25,
			new_value: 20,
			user_id: s.leader.id,
			kind: 'edit'
		});
	});

	it('records a server write with its source and the number of cells it changed', async () => {
		const { planId, itemId, step1 } = await freshPlan();
		await s.h.collab.write(
			step1,
			{ userId: s.leader.id, source: 'scenario' },
			{
				cells: [
					[cellKey(itemId, '2027-01', 'forecast'), 5],
					[cellKey(itemId, '2027-02', 'forecast'), 6]
				]
			}
		);
		const rows = await edits(planId);
		expect(rows).toHaveLength(2);
		for (const row of rows) {
			expect(row).toMatchObject({ kind: 'scenario', user_id: s.leader.id, edit_cells: 2 });
		}
		// Base months under an edit do not show, so rewriting them changes nothing anyone saw.
		await s.h.collab.write(
			step1,
			{ userId: s.leader.id, source: 'import' },
			{ base: [[rowKey(itemId, 'forecast'), [1, 2, 3]]] }
		);
		const after = await edits(planId);
		expect(after.slice(2).map((r) => [r.period, r.old_value, r.new_value])).toEqual([
			['2027-03', null, 3]
		]);
	});

	it('records nothing for the starting state: the demo seed and the values carried into a new cycle', async () => {
		const { planId, itemId, step1 } = await freshPlan();
		for (const source of ['seed', 'next-cycle'] as const) {
			await s.h.collab.write(
				step1,
				{ userId: source === 'seed' ? null : s.leader.id, source },
				{ base: [[rowKey(itemId, source === 'seed' ? 'forecast' : 'consensus'), [1, 2, 3]]] }
			);
		}
		expect(await edits(planId)).toEqual([]);
	});

	it('refuses a kind message with an unknown kind, and keeps the edit it would describe out', async () => {
		const { planId, step1 } = await freshPlan();
		const raw = await RawClient.connect(s.h, step1, s.sales);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_EDIT_KIND);
		encoding.writeVarString(encoder, 'forged');
		raw.send(encoding.toUint8Array(encoder));
		await waitFor(() => raw.closed !== null, 'closed');
		expect(raw.closed).toEqual({ code: 4400, reason: 'unknown edit kind' });
		expect(await edits(planId)).toEqual([]);
	});

	it('a kind describes only the next update', async () => {
		const { planId, itemId, step1 } = await freshPlan();
		const raw = await RawClient.connect(s.h, step1, s.sales);
		raw.send(encodeEditKind('pasted'));
		raw.sendUpdate(cellUpdate(cellKey(itemId, '2027-01', 'forecast'), 1));
		raw.sendUpdate(cellUpdate(cellKey(itemId, '2027-02', 'forecast'), 2));
		await waitFor(async () => (await edits(planId)).length === 2, 'two rows');
		expect((await edits(planId)).map((r) => r.kind)).toEqual(['pasted', 'edit']);
	});

	it('an edit made while the connection was down is recorded as made offline, the next one not', async () => {
		const { planId, itemId, step1 } = await freshPlan();
		const peer = await synced(connectPeer(s.h, step1, s.sales));
		peer.provider.disconnect();
		peer.cells.set(cellKey(itemId, '2027-01', 'forecast'), 7);
		peer.provider.connect();
		await waitFor(async () => (await edits(planId)).length === 1, 'the offline edit saved');
		peer.cells.set(cellKey(itemId, '2027-02', 'forecast'), 8);
		await waitFor(async () => (await edits(planId)).length === 2, 'the next edit saved');
		expect((await edits(planId)).map((r) => [r.period, r.kind, r.user_id])).toEqual([
			['2027-01', 'offline', s.sales.id],
			['2027-02', 'edit', s.sales.id]
		]);
	});

	it('records an edit once when the commit that logged it lost its answer and is written again', async () => {
		const { planId, itemId, step1 } = await freshPlan();
		// Postgres commits the edit and its history, then the connection drops before the answer.
		let answerLost = false;
		const lossy: Db = {
			kind: s.db.kind,
			async query<T>(text: string, params?: unknown[], options?: QueryOptions) {
				const rows = await s.db.query<T>(text, params, options);
				if (!answerLost && /insert into cell_edits/.test(text)) {
					answerLost = true;
					throw new Error('connection ended after the commit');
				}
				return rows;
			},
			bulkInsert: (table, columns, rows) => s.db.bulkInsert(table, columns, rows),
			transaction: (fn) => s.db.transaction(fn),
			reachable: () => s.db.reachable(),
			close: async () => {}
		};
		const h = await startCollab(lossy, { flushIntervalMs: 20 });
		try {
			const raw = await RawClient.connect(h, step1, s.sales);
			raw.send(encodeEditKind('typed'));
			raw.sendUpdate(cellUpdate(cellKey(itemId, '2027-02', 'forecast'), 25));
			// Saved on the room's next try, which writes the same batch again.
			await waitFor(() => raw.acks.length > 0, 'edit saved');
			expect(answerLost).toBe(true);
			expect((await edits(planId)).map((r) => [r.period, r.new_value, r.kind])).toEqual([
				['2027-02', 25, 'typed']
			]);
			raw.ws.close();
		} finally {
			await h.stop();
		}
	});
});
