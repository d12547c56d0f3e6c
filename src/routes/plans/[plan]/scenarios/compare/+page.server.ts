import { error } from '@sveltejs/kit';
import { periods } from '$lib/domain/periods';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { getHierarchy } from '$lib/server/plans';
import { isRefusal } from '$lib/server/refusal';
import { scenariosToCompare } from '$lib/server/scenario-compare';
import type { PageServerLoad } from './$types';

/** The live plan beside the scenarios named by `?s=` (one to three), for any plan member who sees them. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const db = await getDb();
	let scenarios;
	try {
		scenarios = await scenariosToCompare(db, user.id, plan.id, url.searchParams.getAll('s'));
	} catch (e) {
		if (isRefusal(e)) error(e.status, { message: e.message });
		throw e;
	}
	return {
		plan: { id: plan.id, name: plan.name, currency: plan.currency },
		periods: periods(plan.start_month, plan.horizon),
		scenarios,
		familyId: url.searchParams.get('family') ?? '',
		...(await getHierarchy(db, plan.id))
	};
};
