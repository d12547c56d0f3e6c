import type { SessionUser } from './auth/session.ts';
import { readCycleView } from './cycle.ts';
import { getDb } from './db/index.ts';
import { requirePlanAccess } from './guards.ts';
import { getHierarchy } from './plans.ts';
import { periods } from '../domain/periods.ts';

/** What the plan board needs to open a plan (or a scenario of it): the plan, rows, months, cycle. */
export async function loadPlanBoard(user: SessionUser, planId: string) {
	const { plan, access } = await requirePlanAccess(user, planId);
	const db = await getDb();
	const hierarchy = await getHierarchy(db, plan.id);
	return {
		plan,
		access,
		periods: periods(plan.start_month, plan.horizon),
		cycle: await readCycleView(db, plan.id),
		...hierarchy
	};
}
