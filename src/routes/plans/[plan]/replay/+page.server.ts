import { periods } from '$lib/domain/periods';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { listMeetings } from '$lib/server/meetings';
import { getHierarchy } from '$lib/server/plans';
import { replayPeriod } from '$lib/server/replay-period';
import type { PageServerLoad } from './$types';

const MEETING_PRESETS = 3;

/** The replay page's frame: the plan's rows and months, and the period asked for (checked here). */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const { from, to } = replayPeriod(url);
	const db = await getDb();
	// The plan's latest meetings come first among the periods offered; a running one up to now.
	const meetings = (await listMeetings(db, plan.id)).slice(0, MEETING_PRESETS);
	return {
		plan: { id: plan.id, name: plan.name, currency: plan.currency },
		periods: periods(plan.start_month, plan.horizon),
		from: from.toISOString(),
		to: to.toISOString(),
		presets: meetings.map((m) => ({
			label: `Meeting: ${m.title}`,
			from: m.startedAt,
			to: m.endedAt ?? new Date().toISOString()
		})),
		...(await getHierarchy(db, plan.id))
	};
};
