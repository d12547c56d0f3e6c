import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readCycleView } from '$lib/server/cycle';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/** The plan's cycle as its browsers show it; fetched again whenever the server says it changed. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	return json(await readCycleView(await getDb(), plan.id), {
		headers: { 'cache-control': 'no-store' }
	});
};
