import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cycleActor, functionTeam, planWithMembers } from '../../helpers/fixtures.ts';
import { signOff } from '../../../src/lib/server/cycle.ts';
import { registerCollab } from '../../../src/lib/server/collab-bridge.ts';
import { copyToNextCycle } from '../../../src/lib/server/next-cycle.ts';
import { getHierarchy } from '../../../src/lib/server/plans.ts';
import { readPlanFigures } from '../../../src/lib/server/plan-versions.ts';
import { isRefusal } from '../../../src/lib/server/refusal.ts';
import { loadDocument } from '../../../src/lib/server/yjs-store.ts';
import { cellKey, CELLS_MAP } from '../../../src/lib/domain/measures.ts';
import type { StepWrite } from '../../../src/lib/sync/server-write.ts';
import {
	collabSuite,
	connectPeer,
	logCount,
	sleep,
	startCollab,
	synced,
	waitFor,
	type TestDb
} from './harness.ts';

/**
 * The one door for server-side writes (import, forecast, scenarios, the seed, the next cycle):
 * live in every open browser, logged with the acting person, gated by the cycle like an edit.
 */
const s = collabSuite(functionTeam, { flushIntervalMs: 20 });

async function freshPlan(db: TestDb = s.db) {
	const { planId } = await planWithMembers(db, s.leader, s.members);
	const { items } = await getHierarchy(db, planId);
	return { planId, itemId: items[0].id, step1: `plan/${planId}/step/1` };
}

const forecast = (itemId: string, value: number): StepWrite => ({
	cells: [[cellKey(itemId, '2027-03', 'forecast'), value]]
});

async function stored(db: TestDb, name: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	await loadDocument(db, name, doc);
	return doc;
}

describe('server-side writes through the collaboration server', () => {
	it('appear at once in every open browser and are logged with the acting person and source', async () => {
		const { itemId, step1 } = await freshPlan();
		const a = await synced(connectPeer(s.h, step1, s.sales));
		const b = await synced(connectPeer(s.h, step1, s.ops));
		const key = cellKey(itemId, '2027-03', 'forecast');

		await s.h.collab.write(step1, { userId: s.leader.id, source: 'import' }, forecast(itemId, 75));
		// Resolved means committed; the browsers had it relayed before the commit.
		await waitFor(() => a.cells.get(key) === 75 && b.cells.get(key) === 75, 'relayed to both');
		const rows = await s.db.query<{ user_id: string; source: string }>(
			`select user_id, source from yjs_updates where doc = $1`,
			[step1]
		);
		expect(rows).toEqual([{ user_id: s.leader.id, source: 'import' }]);
	});

	it('loads a document nobody has open, and the write survives a restart', async () => {
		const { itemId, step1 } = await freshPlan();
		await s.h.collab.write(
			step1,
			{ userId: s.leader.id, source: 'forecast' },
			{
				base: [[`${itemId}:baseline`, [1, 2, 3]]]
			}
		);
		const restarted = await startCollab(s.db);
		try {
			const peer = await synced(connectPeer(restarted, step1, s.sales));
			expect(peer.doc.getMap('base').get(`${itemId}:baseline`)).toEqual([1, 2, 3]);
		} finally {
			await restarted.stop();
		}
	});

	it('is kept whole while compaction runs at the same time as people type', async () => {
		const db = s.db;
		const compacting = await startCollab(db, {
			flushIntervalMs: 5,
			compactEvery: 1,
			compactQuietMs: 0
		});
		try {
			const { itemId, step1 } = await freshPlan();
			const typist = await synced(connectPeer(compacting, step1, s.sales));
			const writes: Promise<void>[] = [];
			for (let i = 0; i < 20; i++) {
				typist.cells.set(cellKey(itemId, '2027-01', 'forecast'), i);
				writes.push(
					compacting.collab.write(
						step1,
						{ userId: s.leader.id, source: 'import' },
						{
							cells: [
								[cellKey(itemId, `2027-${String((i % 12) + 1).padStart(2, '0')}`, 'marketing'), i]
							]
						}
					)
				);
				await sleep(3);
			}
			await Promise.all(writes);
			await waitFor(
				async () =>
					(await stored(db, step1))
						.getMap(CELLS_MAP)
						.get(cellKey(itemId, '2027-01', 'forecast')) === 19,
				'typing saved'
			);
			const doc = await stored(db, step1);
			const cells = doc.getMap(CELLS_MAP);
			// Writes 8..19 are the last ones to each of the twelve months.
			for (let i = 8; i < 20; i++) {
				expect(
					cells.get(cellKey(itemId, `2027-${String((i % 12) + 1).padStart(2, '0')}`, 'marketing'))
				).toBe(i);
			}
		} finally {
			await compacting.stop();
		}
	});

	it('is refused while the step is locked, and changes nothing', async () => {
		const { planId, itemId, step1 } = await freshPlan();
		for (const [user, fn] of [
			[s.sales, 'sales'],
			[s.ops, 'operations'],
			[s.finance, 'finance']
		] as const) {
			const actor = await cycleActor(s.db, planId, user);
			await s.h.collab.cycleChange(planId, () => signOff(s.db, actor, 1, fn, ''));
		}
		const before = await logCount(s.db, step1);
		const error = await s.h.collab
			.write(step1, { userId: s.leader.id, source: 'import' }, forecast(itemId, 5))
			.catch((e: unknown) => e);
		expect(isRefusal(error) && [error.status, error.message]).toEqual([
			423,
			'Step 1 (Demand review) is signed off and locked; a leader can reopen it.'
		]);
		expect(await logCount(s.db, step1)).toBe(before);
		expect((await stored(s.db, step1)).getMap(CELLS_MAP).size).toBe(0);
	});

	it('waits for a sign-off in progress and is judged by its outcome', async () => {
		const { planId, itemId, step1 } = await freshPlan();
		const sign = async (user: typeof s.sales, fn: 'sales' | 'operations' | 'finance') =>
			signOff(s.db, await cycleActor(s.db, planId, user), 1, fn, '');
		await s.h.collab.cycleChange(planId, () => sign(s.sales, 'sales'));
		await s.h.collab.cycleChange(planId, () => sign(s.ops, 'operations'));
		// The locking sign-off is under way when the write arrives.
		const locking = s.h.collab.cycleChange(planId, async () => {
			await sleep(100);
			return sign(s.finance, 'finance');
		});
		const write = s.h.collab
			.write(step1, { userId: s.leader.id, source: 'import' }, forecast(itemId, 9))
			.catch((e: unknown) => e);
		await locking;
		const error = await write;
		expect(isRefusal(error) && error.status).toBe(423);
		expect((await stored(s.db, step1)).getMap(CELLS_MAP).size).toBe(0);
	});

	it('withdraws sign-offs the step had: the numbers changed', async () => {
		const { planId, itemId, step1 } = await freshPlan();
		const actor = await cycleActor(s.db, planId, s.sales);
		await s.h.collab.cycleChange(planId, () => signOff(s.db, actor, 1, 'sales', ''));
		await s.h.collab.write(step1, { userId: s.leader.id, source: 'import' }, forecast(itemId, 3));
		await waitFor(async () => {
			const [row] = await s.db.query<{ n: number }>(
				`select count(*)::int as n from sign_offs where plan_id = $1`,
				[planId]
			);
			return row.n === 0;
		}, 'sign-off withdrawn');
		const events = await s.db.query<{ kind: string; user_id: string }>(
			`select kind, user_id from plan_events where plan_id = $1 and kind = 'withdrawn'`,
			[planId]
		);
		expect(events).toEqual([{ kind: 'withdrawn', user_id: s.leader.id }]);
	});
});

describe('a whole plan written at once (an import)', () => {
	it('is refused whole while any step it writes is locked: no step and no new item changes', async () => {
		const { planId, itemId, step1 } = await freshPlan();
		for (const [user, fn] of [
			[s.ops, 'operations'],
			[s.sales, 'sales']
		] as const) {
			const actor = await cycleActor(s.db, planId, user);
			await s.h.collab.cycleChange(planId, () => signOff(s.db, actor, 2, fn, ''));
		}
		const error = await s.h.collab
			.writePlan(
				planId,
				{ userId: s.leader.id, source: 'import' },
				{
					hierarchy: {
						families: [],
						items: [
							{ id: 'newitem1', familyId: (await familyOf(planId)).id, sku: 'N-1', name: 'New' }
						],
						updated: []
					},
					steps: [
						[1, forecast(itemId, 5)],
						[2, { cells: [[cellKey(itemId, '2027-03', 'production'), 7]] }]
					]
				}
			)
			.catch((e: unknown) => e);
		expect(isRefusal(error) && [error.status, error.message]).toEqual([
			423,
			'Step 2 (Supply review) is signed off and locked; a leader can reopen it.'
		]);
		expect((await stored(s.db, step1)).getMap(CELLS_MAP).size).toBe(0);
		expect((await getHierarchy(s.db, planId)).items).toHaveLength(1);
	});

	it('adds items that open browsers may edit at once, and tells them to load the rows', async () => {
		const { planId, step1 } = await freshPlan();
		const meta = await synced(connectPeer(s.h, `plan/${planId}/meta`, s.sales));
		const typist = await synced(connectPeer(s.h, step1, s.sales));
		const notices = meta.doc.getMap<number>('notices');
		const family = await familyOf(planId);
		await s.h.collab.writePlan(
			planId,
			{ userId: s.leader.id, source: 'import' },
			{
				hierarchy: {
					families: [{ id: 'newfam1', name: 'Helmets' }],
					items: [
						{ id: 'newitem2', familyId: family.id, sku: 'B-9', name: 'Cargo bike' },
						{ id: 'newitem3', familyId: 'newfam1', sku: 'H-1', name: 'Lid' }
					],
					updated: []
				},
				steps: [[1, { base: [['newitem3:forecast', Array(12).fill(4)]] }]]
			}
		);
		await waitFor(() => (notices.get('hierarchy') ?? 0) > 0, 'hierarchy notice');
		const { families, items } = await getHierarchy(s.db, planId);
		expect(families.map((f) => f.name)).toEqual(['Bikes', 'Helmets']);
		expect(items.map((i) => i.sku)).toEqual(['B-1', 'B-9', 'H-1']);
		// The cell guard knows the new item: a person's edit of it is kept, not refused.
		const key = cellKey('newitem2', '2027-02', 'forecast');
		typist.cells.set(key, 11);
		await waitFor(
			async () => (await stored(s.db, step1)).getMap(CELLS_MAP).get(key) === 11,
			'edit of the new item saved'
		);
		expect(typist.closes).toEqual([]);
	});
});

async function familyOf(planId: string) {
	return (await getHierarchy(s.db, planId)).families[0];
}

describe('starting the next cycle', () => {
	it('includes the edit typed just before the click', async () => {
		// Edits wait a long while before they are logged: only the gate's flush can save this one.
		const slow = await startCollab(s.db, { flushIntervalMs: 5_000 });
		registerCollab(slow.collab);
		try {
			const { planId, itemId, step1 } = await freshPlan();
			const typist = connectPeer(slow, step1, s.sales);
			let acks = 0;
			typist.provider.messageHandlers[100] = () => void acks++;
			await synced(typist);
			// Its sync answer is saved on a beat that has gone (a beat comes at once when the last
			// is an interval ago): the edit typed after it waits for the next, 5 s on.
			await waitFor(() => acks > 0, 'sync answer acknowledged');
			typist.cells.set(cellKey(itemId, '2027-05', 'forecast'), 123);
			await waitFor(() => slow.collab.stats().pendingUpdates === 1, 'edit reached the server');

			const nextId = await copyToNextCycle(s.db, planId, s.leader.id, 'Next cycle');
			const { figures, items, periods } = await readPlanFigures(s.db, nextId);
			expect(figures.item(items[0].id).forecast[periods.indexOf('2027-05')]).toBe(123);
		} finally {
			registerCollab(undefined);
			await slow.stop();
		}
	});
});
