import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { readMeeting, recordAttendance, runningMeeting } from '$lib/server/meetings';
import { listPlanMembers } from '$lib/server/plans';
import type { RequestHandler } from './$types';

/**
 * The running meeting as the board shows it; fetched when the board opens and whenever the server
 * says the meeting changed. Attendance is taken here: every member's open board fetches this when
 * it opens and at each notice (a meeting starting is one), with the signed-in user the server
 * knows, so whoever has the plan open while the meeting runs is recorded.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const db = await getDb();
	const running = await runningMeeting(db, plan.id);
	if (running) await recordAttendance(db, running.id, user.id);
	const members = (await listPlanMembers(db, plan.id)).map((m) => ({
		id: m.user_id,
		name: m.name
	}));
	return json(
		{
			meeting: running && (await readMeeting(db, plan.id, running.id)),
			members,
			serverNow: new Date().toISOString()
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};
