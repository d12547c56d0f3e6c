import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { compareChoices } from '$lib/server/version-compare';
import { getVersionView, notFoundVersion, versionNumberOr404 } from '$lib/server/version-view';
import type { PageServerLoad } from './$types';

/**
 * One approved version, read-only, for any member of the plan: the plan and family totals, and the
 * items of the family chosen with `?family=<id>` (only that family's, however large the plan).
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const number = versionNumberOr404(params.version);
	const family = url.searchParams.get('family') ?? '';
	const db = await getDb();
	const version = await getVersionView(db, plan.id, number, family);
	if (!version) notFoundVersion(number);
	return {
		plan: {
			id: plan.id,
			name: plan.name,
			workspace_id: plan.workspace_id,
			workspace_name: plan.workspace_name,
			currency: plan.currency
		},
		version,
		compareChoices: await compareChoices(db, user.id, plan.id)
	};
};
