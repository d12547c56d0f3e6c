import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { listDecisions, markDecisionDone, recordDecision } from '$lib/server/decisions';
import { meetingAction } from '$lib/server/meeting-actions';
import {
	advanceSchema,
	decisionDoneSchema,
	decisionSchema,
	meetingSchema,
	presenterSchema,
	startMeetingFields,
	startMeetingSchema
} from '$lib/server/meeting-forms';
import {
	advanceMeeting,
	endMeeting,
	handPresenter,
	listMeetings,
	runningMeeting,
	startMeeting
} from '$lib/server/meetings';
import { listPlanMembers } from '$lib/server/plans';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { plan, access } = await requirePlanAccess(requireUser(locals, url), params.plan);
	const db = await getDb();
	return {
		plan,
		access,
		userId: locals.user!.id,
		running: await runningMeeting(db, plan.id),
		meetings: await listMeetings(db, plan.id),
		decisions: await listDecisions(db, plan.id),
		members: (await listPlanMembers(db, plan.id)).map((m) => ({ id: m.user_id, name: m.name }))
	};
};

/** The board posts here too (start from this page; next, end, present and decide from the bar). */
export const actions: Actions = {
	start: (event) =>
		meetingAction(
			event,
			startMeetingSchema,
			(db, actor, form) => startMeeting(db, actor, form),
			startMeetingFields
		),
	next: (event) =>
		meetingAction(event, advanceSchema, (db, actor, form) =>
			advanceMeeting(db, actor, form.meeting, form.from)
		),
	end: (event) =>
		meetingAction(event, meetingSchema, (db, actor, form) => endMeeting(db, actor, form.meeting)),
	presenter: (event) =>
		meetingAction(event, presenterSchema, (db, actor, form) =>
			handPresenter(db, actor, form.meeting, form.userId)
		),
	decide: (event) =>
		meetingAction(event, decisionSchema, (db, actor, form) => recordDecision(db, actor, form)),
	done: (event) =>
		meetingAction(event, decisionDoneSchema, (db, actor, form) =>
			markDecisionDone(db, actor, form.decision)
		)
};
