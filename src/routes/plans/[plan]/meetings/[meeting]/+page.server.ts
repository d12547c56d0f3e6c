import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { readMinutes } from '$lib/server/minutes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { plan } = await requirePlanAccess(requireUser(locals, url), params.plan);
	const minutes = await readMinutes(await getDb(), plan.id, params.meeting);
	if (!minutes) error(404, { message: 'No such meeting on this plan.' });
	return { plan, meetingId: params.meeting, minutes };
};
