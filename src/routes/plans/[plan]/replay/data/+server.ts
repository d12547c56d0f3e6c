import { json } from '@sveltejs/kit';
import { periods } from '$lib/domain/periods';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { getHierarchy } from '$lib/server/plans';
import { loadReplayWindow } from '$lib/server/replay';
import { replayPeriod } from '$lib/server/replay-period';
import type { RequestHandler } from './$types';

/** A replay window (see ReplayWindow) of the period in the query, for any member of the plan. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const { from, to } = replayPeriod(url);
	const db = await getDb();
	const hierarchy = await getHierarchy(db, plan.id);
	const window = await loadReplayWindow(
		db,
		{ planId: plan.id, periods: periods(plan.start_month, plan.horizon), ...hierarchy },
		from,
		to
	);
	return json(window, { headers: { 'cache-control': 'private, no-store' } });
};
