import { getDb } from '$lib/server/db';
import { accuracyReport } from '$lib/server/forecast/accuracy';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

/**
 * Forecast value add, for any member of the plan: the plan and its families, or with
 * `?family=<id>` that family and its items.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const { table, versions, approvedPlans, salesMonths } = await accuracyReport(
		await getDb(),
		plan.id
	);
	const family = table.families.find((f) => f.id === url.searchParams.get('family')) ?? null;
	return {
		plan: { id: plan.id, name: plan.name },
		months: table.months,
		salesMonths,
		versions,
		approvedPlans,
		families: table.families.map((f) => ({ id: f.id, name: f.name })),
		familyId: family?.id ?? '',
		// The first row is the chart's: the plan, or the family chosen.
		rows: family
			? [family, ...table.items.filter((i) => i.familyId === family.id)]
			: [table.plan, ...table.families]
	};
};
