/**
 * Statistical safety stock of a plan's items (see domain/forecast/safety-stock.ts) beside the
 * safety-stock target typed in the grid, the plan's service level, and adopting the suggestions
 * into the grid through the server-write door.
 */
import { inverseNormal } from '../../domain/forecast/inverse-normal.ts';
import {
	serviceLevelProblem,
	suggestSafetyStock,
	type SafetyStockSuggestion
} from '../../domain/forecast/safety-stock.ts';
import { rowChange } from '../../domain/import/plan-changes.ts';
import { rowKey } from '../../domain/measures.ts';
import { canEditStep, type PlanAccess } from '../../domain/roles.ts';
import type { StepWrite } from '../../sync/server-write.ts';
import { readCycleFlags } from '../cycle.ts';
import type { Db, Queryable } from '../db/index.ts';
import { assertPlanLeader } from '../plan-people.ts';
import { loadStepValues, readPlanFigures } from '../plan-versions.ts';
import { lockedStepRefusal, writePlan } from '../plan-writes.ts';
import type { PlanFamily } from '../plans.ts';
import { Refusal } from '../refusal.ts';

const SAFETY = 'safety';

export interface SafetyStockItem {
	id: string;
	sku: string;
	name: string;
	familyId: string;
	leadTimeDays: number | null;
	/** The baseline refresh's one-step forecast error, units a month; null before a refresh. */
	sigma: number | null;
	method: string | null;
	suggestion: SafetyStockSuggestion;
	/** The safety-stock target as the grid has it, per month; null where empty. */
	typed: (number | null)[];
}

export interface SafetyStockView {
	serviceLevel: number;
	z: number;
	periods: string[];
	families: PlanFamily[];
	items: SafetyStockItem[];
	/** Whether any item has σ from a baseline refresh. */
	refreshed: boolean;
}

/** Who acts on a plan's safety stock. */
export interface SafetyStockActor {
	userId: string;
	planId: string;
	access: PlanAccess;
}

async function serviceLevelOf(db: Queryable, planId: string): Promise<number> {
	const [row] = await db.query<{ service_level: number }>(
		`select service_level from plans where id = $1`,
		[planId]
	);
	if (!row) throw new Error(`No plan ${planId}`);
	return Number(row.service_level);
}

const orNull = (v: number) => (Number.isFinite(v) ? v : null);

/** Every item's suggestion beside its typed target, from the plan as saved in Postgres. */
export async function safetyStockView(db: Queryable, planId: string): Promise<SafetyStockView> {
	const serviceLevel = await serviceLevelOf(db, planId);
	const { figures, periods, families, items } = await readPlanFigures(db, planId);
	const extra = await db.query<{
		id: string;
		lead_time_days: string | number | null;
		sigma: number | null;
		method: string | null;
	}>(
		`select i.id, i.lead_time_days, f.sigma, f.method from items i
		 left join item_forecasts f on f.item_id = i.id and f.plan_id = i.plan_id
		 where i.plan_id = $1`,
		[planId]
	);
	const byId = new Map(extra.map((r) => [r.id, r]));
	const rows = items.map((item): SafetyStockItem => {
		const more = byId.get(item.id);
		const leadTimeDays = more?.lead_time_days == null ? null : Number(more.lead_time_days);
		const sigma = more?.sigma == null ? null : Number(more.sigma);
		const f = figures.item(item.id);
		return {
			id: item.id,
			sku: item.sku,
			name: item.name,
			familyId: item.family_id,
			leadTimeDays,
			sigma,
			method: more?.method ?? null,
			suggestion: suggestSafetyStock({ sigma, leadTimeDays, demand: f.consensus }, serviceLevel),
			typed: Array.from(f.safety, orNull)
		};
	});
	return {
		serviceLevel,
		z: inverseNormal(serviceLevel),
		periods,
		families,
		items: rows,
		refreshed: rows.some((r) => r.sigma !== null)
	};
}

/** Sets the plan's target service level, given in percent (50–99.9, to a tenth). Leaders only. */
export async function setServiceLevel(
	db: Queryable,
	actor: SafetyStockActor,
	percent: number
): Promise<number> {
	assertPlanLeader(actor.access, 'set the service level');
	const problem = serviceLevelProblem(percent);
	if (problem) throw new Refusal(problem, 400);
	// In tenths of a percent: 99.9 / 100 is 0.9990000000000001 in floating point, above the limit.
	const level = Math.round(percent * 10) / 1000;
	await db.query(`update plans set service_level = $2 where id = $1`, [actor.planId, level]);
	return level;
}

/**
 * Writes the suggested safety stock into the safety-stock target of every item with a suggestion
 * (or those of one family), every month of the horizon, as the statistical forecast (source
 * 'forecast'), the way an import writes a row (see rowChange). Returns the number of items whose target changed.
 */
export async function adoptSafetyStock(
	db: Db,
	actor: SafetyStockActor,
	familyId: string | null
): Promise<number> {
	if (!canEditStep(actor.access, 2)) {
		throw new Refusal(
			'Only plan leaders and operations editors can change the safety-stock target.',
			403
		);
	}
	if ((await readCycleFlags(db, actor.planId)).locked.includes(2)) throw lockedStepRefusal(2);
	const view = await safetyStockView(db, actor.planId);
	if (familyId !== null && !view.families.some((f) => f.id === familyId)) {
		throw new Refusal('That family is not in this plan.', 404);
	}
	const step = (await loadStepValues(db, actor.planId, view.periods)).get(2)!;
	const write: { base: [string, (number | null)[]][]; cells: [string, number][] } = {
		base: [],
		cells: []
	};
	let changed = 0;
	for (const item of view.items) {
		if (item.suggestion.kind !== 'suggested') continue;
		if (familyId !== null && item.familyId !== familyId) continue;
		const value = item.suggestion.safetyStock;
		const key = rowKey(item.id, SAFETY);
		const months = view.periods.flatMap((_, t): [number, number][] =>
			item.typed[t] === value ? [] : [[t, value]]
		);
		if (months.length === 0) continue;
		changed++;
		const current = { base: step.baseRow(key), edit: (t: number) => step.edit(key, t) };
		const change = rowChange(current, item.id, SAFETY, view.periods, months);
		write.cells.push(...change.cells);
		if (change.base) write.base.push([key, change.base]);
	}
	if (changed === 0) return 0;
	const stepWrite: StepWrite = {
		...(write.base.length ? { base: write.base } : {}),
		...(write.cells.length ? { cells: write.cells } : {})
	};
	await writePlan(
		db,
		actor.planId,
		{ userId: actor.userId, source: 'forecast' },
		{
			steps: [[2, stepWrite]]
		}
	);
	return changed;
}
