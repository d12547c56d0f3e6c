import { readCycleView } from './cycle.ts';
import { getDb } from './db/index.ts';
import { getHierarchy, type Plan } from './plans.ts';
import type { PlanAccess } from '../domain/roles.ts';
import { periods } from '../domain/periods.ts';
import { sentAsJson } from '../json-text.ts';

/**
 * What the plan board needs to open a plan (or a scenario of it), for someone whose access the
 * route has found: the plan, its rows, months and cycle.
 */
export async function loadPlanBoard({ plan, access }: { plan: Plan; access: PlanAccess }) {
	const db = await getDb();
	const hierarchy = await getHierarchy(db, plan.id);
	return {
		plan,
		access,
		periods: periods(plan.start_month, plan.horizon),
		cycle: await readCycleView(db, plan.id),
		families: hierarchy.families,
		// Most of the board's page: 2,000 items are 166 KB of its 280.
		items: sentAsJson(hierarchy.items)
	};
}
