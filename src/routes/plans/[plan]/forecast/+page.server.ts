import { lockedStepMessage } from '$lib/domain/cycle';
import { getDb } from '$lib/server/db';
import { readCycleFlags } from '$lib/server/cycle';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { getHierarchy } from '$lib/server/plans';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan, access } = await requirePlanAccess(user, params.plan);
	const db = await getDb();
	const { families, items } = await getHierarchy(db, plan.id);
	const locked = (await readCycleFlags(db, plan.id)).locked.includes(1);
	return {
		plan,
		families,
		items,
		canRefresh: access.role === 'leader',
		lockedReason: locked ? lockedStepMessage(1) : null
	};
};
