import { periods } from '$lib/domain/periods';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { getHierarchy } from '$lib/server/plans';
import { replayPeriod } from '$lib/server/replay-period';
import type { PageServerLoad } from './$types';

/** The replay page's frame: the plan's rows and months, and the period asked for (checked here). */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const { from, to } = replayPeriod(url);
	return {
		plan: { id: plan.id, name: plan.name, currency: plan.currency },
		periods: periods(plan.start_month, plan.horizon),
		from: from.toISOString(),
		to: to.toISOString(),
		...(await getHierarchy(await getDb(), plan.id))
	};
};
