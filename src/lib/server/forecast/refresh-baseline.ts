/**
 * "Refresh baseline": every item's statistical baseline forecast from the workspace's sales
 * history, written through the server-write door (live, logged, gated by step 1's lock), with
 * each item's explanation kept in `item_forecasts`.
 */
import type { ItemForecast } from '../../domain/forecast/backtest.ts';
import type { RefreshProgress, RefreshResult } from '../../domain/forecast/refresh.ts';
import { baselineValue, planWindow } from '../../domain/forecast/sales-series.ts';
import { rowKey } from '../../domain/measures.ts';
import { periods as monthsOf } from '../../domain/periods.ts';
import type { PlanAccess } from '../../domain/roles.ts';
import { readCycleFlags, recordEvent } from '../cycle.ts';
import type { Db, Queryable } from '../db/index.ts';
import { nextTurn } from '../event-loop.ts';
import { forecaster } from '../forecast-bridge.ts';
import { lockedStepRefusal, writePlan } from '../plan-writes.ts';
import { getHierarchy, type Plan, type PlanItem } from '../plans.ts';
import { Refusal } from '../refusal.ts';
import { readSalesSeries } from './sales-series.ts';

export interface ForecastActor {
	userId: string;
	access: PlanAccess;
}

export const REFRESH_REFUSAL = 'Only the plan’s leaders can refresh the statistical baseline';

export const REFRESH_RUNNING = 'A baseline refresh of this plan is already running';

/** Plans being refreshed in this process: a second refresh of one plan is refused, not run twice. */
const running = new Set<string>();

/** Progress lines per refresh, at most: enough for a smooth bar, few enough to stay cheap. */
const PROGRESS_STEPS = 50;

export async function refreshBaseline(
	db: Db,
	plan: Plan,
	actor: ForecastActor,
	progress: (p: RefreshProgress) => void = () => {}
): Promise<RefreshResult> {
	const started = performance.now();
	if (actor.access.role !== 'leader') throw new Refusal(REFRESH_REFUSAL, 403);
	if (running.has(plan.id)) throw new Refusal(REFRESH_RUNNING, 409);
	running.add(plan.id);
	try {
		// Checked before the expensive part too; the door checks again when it writes.
		if ((await readCycleFlags(db, plan.id)).locked.includes(1)) throw lockedStepRefusal(1);
		return await refresh(db, plan, actor, progress, started);
	} finally {
		running.delete(plan.id);
	}
}

async function refresh(
	db: Db,
	plan: Plan,
	actor: ForecastActor,
	progress: (p: RefreshProgress) => void,
	started: number
): Promise<RefreshResult> {
	const { items } = await getHierarchy(db, plan.id);
	const { end, series } = await readSalesSeries(
		db,
		plan.workspace_id,
		items.map((i) => i.sku),
		plan.start_month
	);
	const forecastable = items.filter((i) => series.has(i.sku));
	const total = forecastable.length;
	const every = Math.max(1, Math.ceil(total / PROGRESS_STEPS));
	progress({ phase: 'forecast', done: 0, total });
	const methods: Record<string, number> = {};
	if (end === null || total === 0) {
		return { items: 0, withoutHistory: items.length, methods, ms: performance.now() - started };
	}

	const { horizon, offset } = planWindow(end, plan.start_month, plan.horizon);
	const histories = forecastable.map((i) => series.get(i.sku)!.values);
	const forecasts = await forecaster().forecastItems(histories, horizon, (done) => {
		if (done % every === 0 || done === total) progress({ phase: 'forecast', done, total });
	});
	const inPlan = (values: readonly number[]) =>
		values.slice(offset, offset + plan.horizon).map(baselineValue);
	await writePlan(
		db,
		plan.id,
		{ userId: actor.userId, source: 'forecast' },
		{
			steps: [
				[
					1,
					{
						base: forecastable.map((item, k) => [
							rowKey(item.id, 'baseline'),
							inPlan(forecasts[k].point)
						])
					}
				]
			]
		}
	);
	for (const f of forecasts) methods[f.method] = (methods[f.method] ?? 0) + 1;
	const withoutHistory = items.length - total;
	const rows = forecastable.map((item, k) => ({
		item,
		history: histories[k],
		forecast: forecasts[k]
	}));
	await saveExplanations(db, plan, offset, rows, actor.userId);
	await recordEvent(db, plan.id, 'forecast', 1, actor.userId, eventDetail(total, withoutHistory));
	return { items: total, withoutHistory, methods, ms: performance.now() - started };
}

const COUNT = new Intl.NumberFormat('en');

function eventDetail(items: number, withoutHistory: number): string {
	const refreshed = `${COUNT.format(items)} item${items === 1 ? '' : 's'}`;
	if (withoutHistory === 0) return refreshed;
	return `${refreshed}; ${COUNT.format(withoutHistory)} without sales history kept theirs`;
}

/**
 * Replaces the plan's item explanations with this refresh's. In statements of a few hundred items,
 * not one transaction: the embedded database holds the event loop (and every other query) for
 * the whole of a statement or transaction, and edits must keep flowing. Each statement is whole.
 */
async function saveExplanations(
	db: Queryable,
	plan: Plan,
	offset: number,
	rows: readonly { item: PlanItem; history: readonly number[]; forecast: ItemForecast }[],
	userId: string
): Promise<void> {
	const months = monthsOf(plan.start_month, plan.horizon);
	const records = rows.map(({ item, history, forecast }) => ({
		item_id: item.id,
		method: forecast.method,
		history_months: history.length,
		backtest_wape: forecast.backtest?.wape ?? null,
		backtest_mase: forecast.backtest?.mase ?? null,
		sigma: forecast.sigma,
		intervals: months.map((month, t) => {
			const i = forecast.intervals[offset + t];
			return {
				month,
				lo80: baselineValue(i.lo80),
				hi80: baselineValue(i.hi80),
				lo95: baselineValue(i.lo95),
				hi95: baselineValue(i.hi95)
			};
		})
	}));
	for (let start = 0; start < records.length; start += ITEMS_PER_STATEMENT) {
		await nextTurn();
		await db.query(
			`insert into item_forecasts (plan_id, item_id, method, history_months, backtest_wape,
				backtest_mase, sigma, intervals, refreshed_by)
			 select $1, r.item_id, r.method, r.history_months, r.backtest_wape, r.backtest_mase,
				r.sigma, r.intervals, $3
			 from json_to_recordset($2::text::json) as r(item_id text, method text,
				history_months integer, backtest_wape double precision, backtest_mase double precision,
				sigma double precision, intervals json)
			 on conflict (plan_id, item_id) do update set method = excluded.method,
				history_months = excluded.history_months, backtest_wape = excluded.backtest_wape,
				backtest_mase = excluded.backtest_mase, sigma = excluded.sigma,
				intervals = excluded.intervals, refreshed_at = now(), refreshed_by = excluded.refreshed_by`,
			[plan.id, JSON.stringify(records.slice(start, start + ITEMS_PER_STATEMENT)), userId]
		);
	}
	// Items that lost their history since an earlier refresh keep no stale explanation.
	await db.query(
		`delete from item_forecasts where plan_id = $1
		 and item_id not in (select value from json_array_elements_text($2::text::json))`,
		[plan.id, JSON.stringify(records.map((r) => r.item_id))]
	);
}

const ITEMS_PER_STATEMENT = 250;
