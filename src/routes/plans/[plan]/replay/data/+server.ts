import { error, json } from '@sveltejs/kit';
import { periods } from '$lib/domain/periods';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { getHierarchy } from '$lib/server/plans';
import { PerKeyQueue } from '$lib/server/per-key-queue';
import { loadReplayWindow } from '$lib/server/replay';
import { replayPeriod } from '$lib/server/replay-period';
import type { RequestHandler } from './$types';

/**
 * A window of 100,000 edits is seconds of database work: one person's loads run one at a time, with
 * one more waiting, whatever they send.
 */
const loads = new PerKeyQueue(1);

/** A replay window (see ReplayWindow) of the period in the query, for any member of the plan. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const { from, to } = replayPeriod(url);
	const db = await getDb();
	const hierarchy = await getHierarchy(db, plan.id);
	const load = loads.run(user.id, () =>
		loadReplayWindow(
			db,
			{ planId: plan.id, periods: periods(plan.start_month, plan.horizon), ...hierarchy },
			from,
			to
		)
	);
	if (!load) error(429, 'Your earlier replays are still loading. Try again in a moment.');
	const window = await load;
	return json(window, { headers: { 'cache-control': 'private, no-store' } });
};
