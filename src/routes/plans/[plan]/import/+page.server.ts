import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { readCycleFlags } from '$lib/server/cycle';
import { INPUT_MEASURES } from '$lib/domain/measures';
import { canEditStep } from '$lib/domain/roles';
import { periods } from '$lib/domain/periods';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan, access } = await requirePlanAccess(user, params.plan);
	const measures = INPUT_MEASURES.filter((m) => canEditStep(access, m.step)).map((m) => ({
		id: m.id,
		label: m.label,
		step: m.step
	}));
	if (measures.length === 0) {
		error(403, { message: 'Only leaders and editors can import into this plan' });
	}
	const { locked } = await readCycleFlags(await getDb(), plan.id);
	return {
		plan,
		access,
		measures,
		locked,
		periods: periods(plan.start_month, plan.horizon)
	};
};
