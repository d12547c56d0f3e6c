import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import {
	cycleActor,
	functionTeam,
	SEED,
	signedInUser,
	type TestUser
} from '../helpers/fixtures.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { listEvents, signOff } from '../../src/lib/server/cycle.ts';
import { readPlanFigures } from '../../src/lib/server/plan-versions.ts';
import { writePlan } from '../../src/lib/server/plan-writes.ts';
import {
	createPlan,
	getHierarchy,
	getPlan,
	setPlanRole,
	type Plan
} from '../../src/lib/server/plans.ts';
import { addMember, createWorkspace } from '../../src/lib/server/workspaces.ts';
import { refreshBaseline } from '../../src/lib/server/forecast/refresh-baseline.ts';
import type { RefreshProgress } from '../../src/lib/domain/forecast/refresh.ts';
import { forecastSeries } from '../../src/lib/domain/forecast/select.ts';
import { baselineValue } from '../../src/lib/domain/forecast/sales-series.ts';
import type { ItemForecastView } from '../../src/lib/domain/forecast/item-view.ts';
import { rowKey } from '../../src/lib/domain/measures.ts';
import { periods } from '../../src/lib/domain/periods.ts';
import { POST as refreshRoute } from '../../src/routes/plans/[plan]/forecast/refresh/+server.ts';
import { GET as itemRoute } from '../../src/routes/plans/[plan]/forecast/items/[item]/+server.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let team: Awaited<ReturnType<typeof functionTeam>>;
let viewer: TestUser;
let workspaceId: string;

const HISTORY = periods('2024-01', 36);
const season = [10, 12, 15, 20, 25, 30, 28, 24, 18, 14, 11, 9];
/** Three years of a seasonal item with a little growth. */
const ROAD = HISTORY.map((_, t) => Math.round(season[t % 12] * (10 + t / 6)));
/** An item sold in the last ten months only, with one month missing from the records. */
const GRAVEL_MONTHS = HISTORY.slice(-10);
const GRAVEL = [40, 42, 0, 45, 44, 47, 46, 48, 50, 49];

beforeAll(async () => {
	db = await openTestDb();
	setDb(db);
	team = await functionTeam(db);
	workspaceId = await createWorkspace(db, 'Forecast', team.leader.id);
	for (const m of team.members) await addMember(db, workspaceId, m.user.id, m.fn);
	viewer = await signedInUser(db, 'Vic Viewer');
	await addMember(db, workspaceId, viewer.id, null);
	const records = [
		...HISTORY.map((month, t) => ['B-1', month, ROAD[t]] as const),
		// The gravel bike's missing month has no record at all.
		...GRAVEL_MONTHS.flatMap((month, t) => (GRAVEL[t] ? [['B-2', month, GRAVEL[t]] as const] : [])),
		// Sales inside or after the plan's months are not history for it.
		['B-1', '2027-01', 99999] as const
	];
	for (const [sku, month, quantity] of records) {
		await db.query(
			`insert into sales_history (workspace_id, sku, month, quantity) values ($1, $2, $3, $4)`,
			[workspaceId, sku, month, quantity]
		);
	}
});
afterAll(() => db.dispose());

/** A 12-month plan from 2027-01: two bikes with history, a helmet without any. */
async function freshPlan(): Promise<Plan> {
	const planId = await createPlan(
		db,
		{
			workspaceId,
			name: 'Forecast plan',
			startMonth: '2027-01',
			horizon: 12,
			families: [
				{
					name: 'Bikes',
					items: [
						{ sku: 'B-1', name: 'Road bike' },
						{ sku: 'B-2', name: 'Gravel bike' },
						{ sku: 'H-1', name: 'Helmet' }
					]
				}
			]
		},
		team.leader.id
	);
	for (const m of team.members) await setPlanRole(db, planId, m.user.id, m.role);
	await setPlanRole(db, planId, viewer.id, 'viewer');
	return (await getPlan(db, planId))!;
}

const LEADER = { role: 'leader', fn: null } as const;

async function baselines(plan: Plan): Promise<Record<string, (number | null)[]>> {
	const { figures, items } = await readPlanFigures(db, plan.id);
	return Object.fromEntries(
		items.map((i) => [
			i.sku,
			Array.from(figures.item(i.id).baseline, (v) => (Number.isNaN(v) ? null : v))
		])
	);
}

async function itemId(plan: Plan, sku: string): Promise<string> {
	return (await getHierarchy(db, plan.id)).items.find((i) => i.sku === sku)!.id;
}

/** The helmet's imported baseline, which a refresh without history must leave alone. */
async function importedHelmetBaseline(plan: Plan): Promise<void> {
	await writePlan(db, plan.id, SEED, {
		steps: [[1, { base: [[rowKey(await itemId(plan, 'H-1'), 'baseline'), new Array(12).fill(7)]] }]]
	});
}

async function lockStep1(plan: Plan): Promise<void> {
	for (const [user, fn] of [
		[team.sales, 'sales'],
		[team.ops, 'operations'],
		[team.finance, 'finance']
	] as const) {
		await signOff(db, await cycleActor(db, plan.id, user), 1, fn, '');
	}
}

describe('refreshing the baseline', () => {
	it('writes every item’s forecast from its history through the door, logged as the forecast', async () => {
		const plan = await freshPlan();
		await importedHelmetBaseline(plan);
		const progress: RefreshProgress[] = [];
		const result = await refreshBaseline(
			db,
			plan,
			{ userId: team.leader.id, access: LEADER },
			(p) => progress.push(p)
		);
		expect(result).toMatchObject({ items: 2, withoutHistory: 1 });
		expect(Object.values(result.methods).reduce((a, b) => a + b, 0)).toBe(2);
		expect(progress[0]).toEqual({ phase: 'forecast', done: 0, total: 2 });
		expect(progress.at(-1)).toEqual({ phase: 'forecast', done: 2, total: 2 });

		const values = await baselines(plan);
		expect(values['B-1']).toEqual(forecastSeries(ROAD, 12).point.map(baselineValue));
		expect(values['B-2']).toEqual(forecastSeries(GRAVEL, 12).point.map(baselineValue));
		expect(values['H-1']).toEqual(new Array(12).fill(7));

		const log = await db.query<{ user_id: string; source: string }>(
			`select user_id, source from yjs_updates where doc = $1 and source = 'forecast'`,
			[`plan/${plan.id}/step/1`]
		);
		expect(log).toEqual([{ user_id: team.leader.id, source: 'forecast' }]);
		const [event] = await listEvents(db, plan.id);
		expect(event).toMatchObject({
			kind: 'forecast',
			userName: 'Lee Leader',
			detail: '2 items; 1 without sales history kept theirs'
		});
	});

	it('keeps each item’s method, backtest, sigma and intervals per plan month', async () => {
		const plan = await freshPlan();
		await refreshBaseline(db, plan, { userId: team.leader.id, access: LEADER });
		const rows = await db.query<{
			item_id: string;
			method: string;
			history_months: number;
			backtest_wape: number | null;
			sigma: number;
			intervals: { month: string; lo80: number; hi80: number; lo95: number; hi95: number }[];
			refreshed_by: string;
		}>(`select * from item_forecasts where plan_id = $1 order by history_months desc`, [plan.id]);
		expect(rows.map((r) => [r.method, Number(r.history_months)])).toEqual([
			[forecastSeries(ROAD, 12).method, 36],
			[forecastSeries(GRAVEL, 12).method, 10]
		]);
		const [road] = rows;
		expect(road.item_id).toBe(await itemId(plan, 'B-1'));
		expect(road.refreshed_by).toBe(team.leader.id);
		expect(Number(road.sigma)).toBeCloseTo(forecastSeries(ROAD, 12).sigma, 6);
		expect(Number(road.backtest_wape)).toBeGreaterThan(0);
		expect(road.intervals.map((i) => i.month)).toEqual(periods('2027-01', 12));
		const first = road.intervals[0];
		expect(first.lo95).toBeLessThanOrEqual(first.lo80);
		expect(first.hi80).toBeLessThanOrEqual(first.hi95);
	});

	it('refuses editors and viewers with 403, and changes nothing', async () => {
		const plan = await freshPlan();
		for (const [user, access] of [
			[team.sales, { role: 'editor', fn: 'sales' }],
			[viewer, { role: 'viewer', fn: null }]
		] as const) {
			await expect(refreshBaseline(db, plan, { userId: user.id, access })).rejects.toMatchObject({
				status: 403,
				message: 'Only the plan’s leaders can refresh the statistical baseline'
			});
		}
		expect((await baselines(plan))['B-1']).toEqual(new Array(12).fill(null));
	});

	it('refuses with 423 while step 1 is locked, before forecasting, and changes nothing', async () => {
		const plan = await freshPlan();
		await lockStep1(plan);
		const progress: RefreshProgress[] = [];
		await expect(
			refreshBaseline(db, plan, { userId: team.leader.id, access: LEADER }, (p) => progress.push(p))
		).rejects.toMatchObject({
			status: 423,
			message: 'Step 1 (Demand review) is signed off and locked; a leader can reopen it.'
		});
		expect(progress).toEqual([]);
		expect((await baselines(plan))['B-1']).toEqual(new Array(12).fill(null));
		const saved = await db.query(`select 1 from item_forecasts where plan_id = $1`, [plan.id]);
		expect(saved).toEqual([]);
	});

	it('refuses a second refresh of the plan while the first runs (409)', async () => {
		const plan = await freshPlan();
		const actor = { userId: team.leader.id, access: LEADER };
		const [first, second] = await Promise.allSettled([
			refreshBaseline(db, plan, actor),
			refreshBaseline(db, plan, actor)
		]);
		expect(first).toMatchObject({ status: 'fulfilled', value: { items: 2 } });
		expect(second).toMatchObject({
			status: 'rejected',
			reason: { status: 409, message: 'A baseline refresh of this plan is already running' }
		});
		const events = (await listEvents(db, plan.id)).filter((e) => e.kind === 'forecast');
		expect(events).toHaveLength(1);
	});

	it('leaves a plan whose items have no history as it was', async () => {
		const planId = await createPlan(
			db,
			{
				workspaceId,
				name: 'New range',
				startMonth: '2027-01',
				horizon: 3,
				families: [{ name: 'New', items: [{ sku: 'N-1', name: 'New thing' }] }]
			},
			team.leader.id
		);
		const plan = (await getPlan(db, planId))!;
		const result = await refreshBaseline(db, plan, { userId: team.leader.id, access: LEADER });
		expect(result).toMatchObject({ items: 0, withoutHistory: 1, methods: {} });
		expect((await listEvents(db, plan.id)).filter((e) => e.kind === 'forecast')).toEqual([]);
	});
});

/** A request to a route, as SvelteKit hands it to the handler. */
function event(user: TestUser | null, params: Record<string, string>, method = 'GET') {
	const url = new URL('http://localhost/x');
	return {
		locals: {
			user: user ? { id: user.id, name: user.name, email: '', color: '#000' } : null,
			session: null
		},
		params,
		url,
		request: new Request(url, { method })
	} as never;
}

async function lines(response: Response): Promise<Record<string, unknown>[]> {
	return (await response.text())
		.trim()
		.split('\n')
		.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('the forecast routes', () => {
	it('stream progress, then the result of a refresh', async () => {
		const plan = await freshPlan();
		const response = await refreshRoute(event(team.leader, { plan: plan.id }, 'POST'));
		expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
		const answer = await lines(response);
		expect(answer.slice(0, -1).every((l) => 'progress' in l)).toBe(true);
		expect(answer.at(-2)).toEqual({ progress: { phase: 'forecast', done: 2, total: 2 } });
		expect(answer.at(-1)!.result).toMatchObject({ items: 2, withoutHistory: 1 });
	});

	it('end the stream with the refusal for an editor, and answer 401 without a session', async () => {
		const plan = await freshPlan();
		const answer = await lines(await refreshRoute(event(team.sales, { plan: plan.id }, 'POST')));
		expect(answer).toEqual([
			{ error: 'Only the plan’s leaders can refresh the statistical baseline', status: 403 }
		]);
		expect((await refreshRoute(event(null, { plan: plan.id }, 'POST'))).status).toBe(401);
	});

	it('explain one item: method, backtest, intervals, history and the demand rows', async () => {
		const plan = await freshPlan();
		const road = await itemId(plan, 'B-1');
		const before = (await (
			await itemRoute(event(viewer, { plan: plan.id, item: road }))
		).json()) as ItemForecastView;
		expect(before.forecast).toBeNull();
		expect(before.history).toEqual({ months: HISTORY, values: ROAD });

		await refreshBaseline(db, plan, { userId: team.leader.id, access: LEADER });
		const response = await itemRoute(event(viewer, { plan: plan.id, item: road }));
		expect(response.status).toBe(200);
		const view = (await response.json()) as ItemForecastView;
		const expected = forecastSeries(ROAD, 12);
		expect(view.item).toEqual({ id: road, sku: 'B-1', name: 'Road bike' });
		expect(view.periods).toEqual(periods('2027-01', 12));
		expect(view.forecast).toMatchObject({ method: expected.method, historyMonths: 36 });
		expect(view.forecast!.backtest!.months).toBe(6);
		expect(view.forecast!.sigma).toBeCloseTo(expected.sigma, 6);
		expect(view.forecast!.intervals).toHaveLength(12);
		expect(view.rows.baseline).toEqual(expected.point.map(baselineValue));
		expect(view.rows.forecast).toEqual(new Array(12).fill(null));

		const gravel = (await (
			await itemRoute(event(viewer, { plan: plan.id, item: await itemId(plan, 'B-2') }))
		).json()) as ItemForecastView;
		expect(gravel.history).toEqual({ months: GRAVEL_MONTHS, values: GRAVEL });
		expect(gravel.forecast!.backtest).toMatchObject({ months: 2 });
	});

	it('answer 404 for an item of another plan', async () => {
		const plan = await freshPlan();
		const other = await freshPlan();
		const response = await itemRoute(
			event(team.leader, { plan: plan.id, item: await itemId(other, 'B-1') })
		);
		expect(response.status).toBe(404);
	});
});
