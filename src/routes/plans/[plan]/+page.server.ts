import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { getHierarchy } from '$lib/server/plans';
import { periods } from '$lib/domain/periods';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan, access } = await requirePlanAccess(user, params.plan);
	const hierarchy = await getHierarchy(await getDb(), plan.id);
	return {
		plan,
		access,
		periods: periods(plan.start_month, plan.horizon),
		...hierarchy
	};
};
