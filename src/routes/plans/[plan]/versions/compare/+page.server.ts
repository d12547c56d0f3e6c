import { error } from '@sveltejs/kit';
import { parseComparePair } from '$lib/domain/version-diff';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { compareChoices, getVersionCompare } from '$lib/server/version-compare';
import type { PageServerLoad } from './$types';

/**
 * Two approved versions compared, for any member of the plan: `?a=<n|previous>&b=<m>`, narrowed
 * with `family=<id>`; `only=0` shows rows that do not differ too (the checkbox sends 0 then 1 when
 * ticked, so the last value counts).
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const pair = parseComparePair(url.searchParams.get('a'), url.searchParams.get('b'));
	if (!pair.ok) error(pair.status, { message: pair.message });
	const db = await getDb();
	const compare = await getVersionCompare(db, user.id, plan, pair.a, pair.b, {
		familyId: url.searchParams.get('family') ?? '',
		onlyDiffering: url.searchParams.getAll('only').at(-1) !== '0'
	});
	return {
		plan: { id: plan.id, name: plan.name, currency: plan.currency },
		aParam: String(pair.a),
		compare,
		choices: await compareChoices(db, user.id, plan.id)
	};
};
