import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAction } from '../helpers/actions.ts';
import { openTestDb } from '../helpers/db.ts';
import { cycleActor, functionTeam, SEED, seedSeries, type TestUser } from '../helpers/fixtures.ts';
import { DAYS_PER_MONTH, NO_SIGMA } from '../../src/lib/domain/forecast/safety-stock.ts';
import { cellKey } from '../../src/lib/domain/measures.ts';
import { periods as monthsOf } from '../../src/lib/domain/periods.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import {
	adoptSafetyStock,
	safetyStockView,
	type SafetyStockItem
} from '../../src/lib/server/forecast/safety-stock.ts';
import { readPlanFigures } from '../../src/lib/server/plan-versions.ts';
import { writePlan } from '../../src/lib/server/plan-writes.ts';
import { createPlan, getHierarchy, setPlanRole } from '../../src/lib/server/plans.ts';
import { addMember, createWorkspace } from '../../src/lib/server/workspaces.ts';
import { actions, load } from '../../src/routes/plans/[plan]/safety-stock/+page.server.ts';

const MONTHS = monthsOf('2027-01', 4);
let db: Awaited<ReturnType<typeof openTestDb>>;
let team: Awaited<ReturnType<typeof functionTeam>>;
let planId: string;
let ids: { bikes: string; helmets: string; road: string; gravel: string; lid: string };

const SS_95 = 24; // ⌈1.6449 × 10 × √2⌉

beforeAll(async () => {
	db = await openTestDb();
	setDb(db);
	team = await functionTeam(db);
	const workspaceId = await createWorkspace(db, 'Safety', team.leader.id);
	planId = await createPlan(
		db,
		{
			workspaceId,
			name: 'Safety plan',
			startMonth: MONTHS[0],
			horizon: MONTHS.length,
			families: [
				{
					name: 'Bikes',
					items: [
						{ sku: 'B-1', name: 'Road bike' },
						{ sku: 'B-2', name: 'Gravel bike' }
					]
				},
				{ name: 'Helmets', items: [{ sku: 'H-1', name: 'Lid' }] }
			]
		},
		team.leader.id
	);
	for (const m of team.members) {
		await addMember(db, workspaceId, m.user.id, m.fn);
		await setPlanRole(db, planId, m.user.id, m.role);
	}
	const { families, items } = await getHierarchy(db, planId);
	const [road, gravel, lid] = items.map((i) => i.id);
	ids = { bikes: families[0].id, helmets: families[1].id, road, gravel, lid };

	await seedSeries(db, planId, MONTHS, {
		[road]: { consensus: [100, 50, 0, 80], safety: [5, 5, 5, 5] },
		[lid]: { consensus: [10, 10, 10, 10] }
	});
	// Someone typed March's target for the road bike: an edit over the base row.
	await writePlan(db, planId, SEED, {
		steps: [[2, { cells: [[cellKey(road, MONTHS[2], 'safety'), 7]] }]]
	});

	await db.query(`update items set lead_time_days = $2 where id = $1`, [road, 2 * DAYS_PER_MONTH]);
	await db.query(`update items set lead_time_days = 10 where id = $1`, [lid]);
	// Gravel has a lead time but no refresh yet; the lid's σ is 3.
	await db.query(`update items set lead_time_days = 20 where id = $1`, [gravel]);
	for (const [itemId, sigma] of [
		[road, 10],
		[lid, 3]
	] as const) {
		await db.query(
			`insert into item_forecasts (plan_id, item_id, method, history_months, sigma, intervals)
			 values ($1, $2, 'ets', 36, $3, '[]')`,
			[planId, itemId, sigma]
		);
	}
});
afterAll(() => db.dispose());

type Page = {
	items: SafetyStockItem[];
	itemCount: number;
	canAdopt: boolean;
	canSetServiceLevel: boolean;
	locked: boolean;
};
const page = async (user: TestUser, search = '') => (await load(event(user, search))) as Page;

function event(user: TestUser, search = '') {
	return {
		locals: {
			user: { id: user.id, name: user.name, email: 'x@example.test', color: '#000' },
			session: null
		},
		url: new URL(`http://localhost/plans/${planId}/safety-stock${search}`),
		params: { plan: planId }
	} as unknown as Parameters<typeof load>[0];
}

const post = (action: keyof typeof actions, user: TestUser, form: Record<string, string>) =>
	postAction(actions[action], form, {
		path: `/plans/${planId}/safety-stock?/${action}`,
		user,
		params: { plan: planId }
	});

const safetyRow = async (itemId: string) =>
	Array.from((await readPlanFigures(db, planId)).figures.item(itemId).safety);

describe('safety stock view', () => {
	it('suggests safety stock and reorder points beside the typed target', async () => {
		const view = await safetyStockView(db, planId);
		expect(view.serviceLevel).toBe(0.95);
		expect(view.z).toBeCloseTo(1.6448536, 6);
		expect(view.refreshed).toBe(true);
		const road = view.items.find((i) => i.id === ids.road)!;
		expect(road).toMatchObject({ sku: 'B-1', leadTimeDays: 2 * DAYS_PER_MONTH, sigma: 10 });
		expect(road.suggestion).toEqual({
			kind: 'suggested',
			safetyStock: SS_95,
			reorderPoints: [150 + SS_95, 50 + SS_95, 80 + SS_95, null],
			leadTimeMonths: 2
		});
		expect(road.typed).toEqual([5, 5, 7, 5]);
		const gravel = view.items.find((i) => i.id === ids.gravel)!;
		expect(gravel.suggestion).toEqual({ kind: 'none', reason: NO_SIGMA });
		expect(gravel.typed).toEqual([null, null, null, null]);
	});

	it('gives every member the page; leaders and operations may adopt, only leaders set the level', async () => {
		const asSales = await page(team.sales);
		expect(asSales).toMatchObject({ canAdopt: false, canSetServiceLevel: false, locked: false });
		expect(asSales.items).toHaveLength(3);
		const asOps = await page(team.ops, `?family=${ids.helmets}`);
		expect(asOps).toMatchObject({ canAdopt: true, canSetServiceLevel: false, itemCount: 1 });
		expect(asOps.items.map((i) => i.sku)).toEqual(['H-1']);
		expect((await page(team.leader)).canSetServiceLevel).toBe(true);
	});
});

describe('adopting suggestions', () => {
	it('is refused to a sales editor, by a direct call as by the form', async () => {
		const actor = await cycleActor(db, planId, team.sales);
		await expect(
			adoptSafetyStock(db, { userId: team.sales.id, planId, access: actor.access }, null)
		).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/operations editors/) });
		expect(await post('adopt', team.sales, { family: '' })).toMatchObject({ status: 403 });
		expect(await safetyRow(ids.road)).toEqual([5, 5, 7, 5]);
	});

	it('writes one family’s suggestions, typed months included, as the forecast', async () => {
		const answer = await post('adopt', team.ops, { family: ids.helmets });
		expect(answer).toMatchObject({ status: 200, data: { adopted: 1 } });
		// ⌈1.6449 × 3 × √(10 / 30.4375)⌉ = ⌈2.83⌉
		expect(await safetyRow(ids.lid)).toEqual([3, 3, 3, 3]);
		expect(await safetyRow(ids.road)).toEqual([5, 5, 7, 5]);
		const [log] = await db.query<{ source: string; user_id: string }>(
			`select source, user_id from yjs_updates where doc = $1 order by id desc limit 1`,
			[`plan/${planId}/step/2`]
		);
		expect(log).toEqual({ source: 'forecast', user_id: team.ops.id });

		expect(await post('adopt', team.leader, { family: '' })).toMatchObject({
			data: { adopted: 1 }
		});
		expect(await safetyRow(ids.road)).toEqual([SS_95, SS_95, SS_95, SS_95]);
		// Nothing left to change; the item without σ keeps its empty target.
		expect(await post('adopt', team.leader, { family: '' })).toMatchObject({
			data: { adopted: 0 }
		});
		expect(await safetyRow(ids.gravel)).toEqual([NaN, NaN, NaN, NaN]);
	});

	it('follows the service level a leader sets, and only a leader, within 50–99.9 %', async () => {
		expect(await post('serviceLevel', team.ops, { serviceLevel: '99' })).toMatchObject({
			status: 403
		});
		expect(await post('serviceLevel', team.leader, { serviceLevel: '100' })).toMatchObject({
			status: 400,
			error: expect.stringMatching(/between 50 % and 99.9 %/)
		});
		expect(await post('serviceLevel', team.leader, { serviceLevel: 'lots' })).toMatchObject({
			status: 400
		});
		expect(await post('serviceLevel', team.leader, { serviceLevel: '99.9' })).toMatchObject({
			status: 200,
			data: { serviceLevel: 0.999 }
		});
		const road = (await safetyStockView(db, planId)).items.find((i) => i.id === ids.road)!;
		// ⌈3.0902 × 10 × √2⌉
		expect(road.suggestion).toMatchObject({ safetyStock: 44 });
		expect(
			(await safetyStockView(db, planId)).items.find((i) => i.id === ids.gravel)!.suggestion
		).toEqual({ kind: 'none', reason: NO_SIGMA });
	});

	it('is refused with the reason while supply review is locked', async () => {
		await db.query(
			`insert into plan_steps (plan_id, step, locked_at, locked_by) values ($1, 2, now(), $2)`,
			[planId, team.leader.id]
		);
		const answer = await post('adopt', team.leader, { family: '' });
		expect(answer).toMatchObject({ status: 423, error: expect.stringMatching(/locked/) });
		expect(await safetyRow(ids.road)).toEqual([SS_95, SS_95, SS_95, SS_95]);
		expect((await page(team.leader)).locked).toBe(true);
	});

	it('is not there for someone outside the plan', async () => {
		const outsider = { ...team.sales, id: 'nobody' };
		const error = await Promise.resolve(load(event(outsider))).catch((e: unknown) => e);
		expect(isHttpError(error) && error.status).toBe(404);
	});
});
