import { stringify } from 'devalue';
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { firstScreen } from '$lib/server/first-screen';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { getHierarchy } from '$lib/server/plans';
import { periods } from '$lib/domain/periods';
import type { RequestHandler } from './$types';

/**
 * The plan's first screen, for a browser opening it without a local copy. Written with
 * devalue (SvelteKit's own format): figures hold NaN for empty months and Infinity for production
 * against zero capacity, which JSON cannot carry.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const db = await getDb();
	const shape = {
		...(await getHierarchy(db, plan.id)),
		periods: periods(plan.start_month, plan.horizon)
	};
	const screen = await firstScreen(db, plan.id, shape);
	if (!screen) error(503, 'The plan could not be read just now; it opens from the live documents.');
	return new Response(stringify(screen), {
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});
};
