/**
 * Starts the next cycle from a plan: a new plan one month later with the same items, people and
 * roles, seeded with this plan's values in fresh documents (a plan document grows with its edit
 * history, so the next cycle does not inherit it).
 */
import { formatValue } from '../domain/format.ts';
import { INPUT_MEASURES } from '../domain/measures.ts';
import { periods as monthsOf } from '../domain/periods.ts';
import type { Series } from '../domain/plan-figures.ts';
import type { Db } from './db/index.ts';
import { cycleChange } from './collab-bridge.ts';
import { recordEvent } from './cycle.ts';
import { assertPlanLeader, type PlanLeader } from './plan-people.ts';
import { seedStepDocuments, type SeedValue } from './plan-values.ts';
import { createPlan, getHierarchy, getPlan } from './plans.ts';
import { readPlanFigures } from './plan-versions.ts';

/** "Start the next cycle", as a plan leader asks for it. */
export async function startNextCycle(db: Db, actor: PlanLeader, name: string): Promise<string> {
	assertPlanLeader(actor.access, 'start the next cycle');
	return copyToNextCycle(db, actor.plan.id, actor.userId, name);
}

export function copyToNextCycle(
	db: Db,
	planId: string,
	userId: string,
	name: string
): Promise<string> {
	// Through the cycle gate: edits still on their way are saved first, so the copy has them all.
	return cycleChange(planId, () => copy(db, planId, userId, name));
}

async function copy(db: Db, planId: string, userId: string, name: string): Promise<string> {
	const plan = await getPlan(db, planId);
	if (!plan) throw new Error(`No plan ${planId}`);
	const { figures, families, items } = await readPlanFigures(db, planId);
	const nextPeriods = monthsOf(plan.start_month, plan.horizon + 1).slice(1);
	const newId = await createPlan(
		db,
		{
			workspaceId: plan.workspace_id,
			name,
			startMonth: nextPeriods[0],
			horizon: plan.horizon,
			currency: plan.currency,
			families: families.map((f) => ({
				name: f.name,
				items: items.filter((i) => i.family_id === f.id).map(({ sku, name }) => ({ sku, name }))
			}))
		},
		userId
	);
	const next = await getHierarchy(db, newId);
	const familyIds = new Map(families.map((f, i) => [f.id, next.families[i].id]));
	const itemIds = new Map(next.items.map((i) => [i.sku, i.id]));

	const values: SeedValue[] = [];
	const shortfalls: string[] = [];
	const copy = (ownerId: string, measureId: string, series: Series) => {
		nextPeriods.forEach((period, t) => {
			const value = series[t + 1];
			if (t + 1 < series.length && Number.isFinite(value)) {
				values.push({ ownerId, period, measureId, value });
			}
		});
	};
	for (const item of items) {
		const f = figures.item(item.id);
		const ownerId = itemIds.get(item.sku)!;
		for (const m of INPUT_MEASURES) {
			if (m.level !== 'item' || m.firstPeriodOnly) continue;
			copy(ownerId, m.id, f[m.id]);
		}
		// The new first month opens with what this plan projects at the end of its first month. Stock
		// cannot be negative (the opening field refuses it): a shortfall opens at 0 and goes in the log.
		const opening = f.inventory[0];
		if (Number.isFinite(opening)) {
			if (opening < 0) shortfalls.push(`${item.sku} ${formatValue(opening, 'units')}`);
			values.push({
				ownerId,
				period: nextPeriods[0],
				measureId: 'opening',
				value: Math.max(0, opening)
			});
		}
	}
	for (const family of families) {
		const f = figures.family(family.id);
		for (const m of INPUT_MEASURES)
			if (m.level === 'family') copy(familyIds.get(family.id)!, m.id, f[m.id]);
	}
	await seedStepDocuments(db, newId, nextPeriods, values, { userId, source: 'next-cycle' });
	await db.query(
		`insert into plan_members (plan_id, user_id, role)
		 select $1, user_id, role from plan_members where plan_id = $2
		 on conflict (plan_id, user_id) do nothing`,
		[newId, planId]
	);
	await db.query(`update plans set previous_plan_id = $2 where id = $1`, [newId, planId]);
	await recordEvent(db, planId, 'copied', null, userId, `next cycle "${name}" started`);
	await recordEvent(db, newId, 'copied', null, userId, `copied from "${plan.name}"`);
	if (shortfalls.length) {
		const detail = `opening inventory set to 0 where "${plan.name}" projected a shortfall: ${shortfalls.join(', ')}`;
		await recordEvent(db, newId, 'copied', null, userId, detail);
	}
	return newId;
}
