/**
 * Meetings on a plan: a leader starts one with an agenda, moves through it, hands the presenting
 * to someone and ends it. One runs per plan at a time (a unique index says so too). Every change
 * tells the plan's open boards, which fetch the meeting anew.
 */
import type { MeetingView } from '../domain/meeting/view.ts';
import type { PlanAccess } from '../domain/roles.ts';
import { planChanged } from './collab-bridge.ts';
import type { Db, Queryable } from './db/index.ts';
import { randomId } from './ids.ts';
import type { StartMeetingInput } from './meeting-forms.ts';
import { assertPlanLeader } from './plan-people.ts';
import { listPlanMembers } from './plans.ts';
import { Refusal } from './refusal.ts';

export interface MeetingActor {
	planId: string;
	userId: string;
	access: PlanAccess;
}

export const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

const NO_MEETING = 'No such meeting on this plan.';
const ENDED = 'The meeting has already ended.';

/** The meeting running on the plan, for "changes since the meeting started". */
export async function runningMeeting(
	db: Queryable,
	planId: string
): Promise<{ id: string; startedAt: string } | null> {
	const rows = await db.query<{ id: string; started_at: unknown }>(
		`select id, started_at from meetings where plan_id = $1 and ended_at is null`,
		[planId]
	);
	return rows[0] ? { id: rows[0].id, startedAt: iso(rows[0].started_at)! } : null;
}

/** Refuses unless every user named is a member of the plan. */
export async function assertMembers(
	db: Queryable,
	planId: string,
	userIds: string[],
	what: string
) {
	const members = new Set((await listPlanMembers(db, planId)).map((m) => m.user_id));
	if (userIds.some((id) => !members.has(id)))
		throw new Refusal(`Choose ${what} among the plan's members.`, 400);
}

export async function startMeeting(
	db: Db,
	actor: MeetingActor,
	input: StartMeetingInput
): Promise<string> {
	assertPlanLeader(actor.access, 'start a meeting');
	await assertMembers(
		db,
		actor.planId,
		input.agenda.map((a) => a.ownerId),
		'each agenda owner'
	);
	const id = randomId();
	await db.transaction(async (tx) => {
		await tx.query(`select id from plans where id = $1 for update`, [actor.planId]);
		if (await runningMeeting(tx, actor.planId))
			throw new Refusal('A meeting is already running on this plan; end it first.', 409);
		await tx.query(
			`insert into meetings (id, plan_id, step, title, started_by, presenter_id)
			 values ($1, $2, $3, $4, $5, $5)`,
			[id, actor.planId, input.step, input.title, actor.userId]
		);
		for (const [position, item] of input.agenda.entries()) {
			await tx.query(
				`insert into meeting_agenda (meeting_id, position, title, step, owner_id, minutes, started_at)
				 values ($1, $2, $3, $4, $5, $6, case when $2 = 0 then now() end)`,
				[id, position, item.title, item.step, item.ownerId, item.minutes]
			);
		}
		await recordAttendance(tx, id, actor.userId);
	});
	planChanged(actor.planId, 'meeting');
	return id;
}

/** Locks the running meeting's row for a leader's change, or refuses. */
async function lockMeeting(tx: Queryable, actor: MeetingActor, meetingId: string, what: string) {
	assertPlanLeader(actor.access, what);
	const rows = await tx.query<{ current_item: number; ended_at: unknown; items: number }>(
		`select m.current_item, m.ended_at,
		        (select count(*)::int from meeting_agenda a where a.meeting_id = m.id) as items
		 from meetings m where m.id = $1 and m.plan_id = $2 for update`,
		[meetingId, actor.planId]
	);
	const meeting = rows[0];
	if (!meeting) throw new Refusal(NO_MEETING, 404);
	if (meeting.ended_at) throw new Refusal(ENDED, 409);
	return meeting;
}

/** Ends agenda item `from` and starts the next one. */
export async function advanceMeeting(
	db: Db,
	actor: MeetingActor,
	meetingId: string,
	from: number
): Promise<void> {
	await db.transaction(async (tx) => {
		const meeting = await lockMeeting(tx, actor, meetingId, 'move the meeting on');
		if (meeting.current_item !== from)
			throw new Refusal('The meeting has already moved on to another item.', 409);
		if (from + 1 >= meeting.items)
			throw new Refusal('This is the last agenda item: end the meeting instead.', 409);
		await tx.query(
			`update meeting_agenda set ended_at = now() where meeting_id = $1 and position = $2`,
			[meetingId, from]
		);
		await tx.query(
			`update meeting_agenda set started_at = now() where meeting_id = $1 and position = $2`,
			[meetingId, from + 1]
		);
		await tx.query(`update meetings set current_item = $2 where id = $1`, [meetingId, from + 1]);
	});
	planChanged(actor.planId, 'meeting');
}

export async function endMeeting(db: Db, actor: MeetingActor, meetingId: string): Promise<void> {
	await db.transaction(async (tx) => {
		await lockMeeting(tx, actor, meetingId, 'end the meeting');
		await tx.query(
			`update meeting_agenda set ended_at = now()
			 where meeting_id = $1 and started_at is not null and ended_at is null`,
			[meetingId]
		);
		await tx.query(`update meetings set ended_at = now() where id = $1`, [meetingId]);
	});
	planChanged(actor.planId, 'meeting');
}

/** Hands the presenting to a member of the plan (or back to oneself). */
export async function handPresenter(
	db: Db,
	actor: MeetingActor,
	meetingId: string,
	userId: string
): Promise<void> {
	await assertMembers(db, actor.planId, [userId], 'the presenter');
	await db.transaction(async (tx) => {
		await lockMeeting(tx, actor, meetingId, 'choose who presents');
		await tx.query(`update meetings set presenter_id = $2 where id = $1`, [meetingId, userId]);
	});
	planChanged(actor.planId, 'meeting');
}

/** Notes that a member is at the meeting: the first time they join, and each time they are seen. */
export async function recordAttendance(
	db: Queryable,
	meetingId: string,
	userId: string
): Promise<void> {
	await db.query(
		`insert into meeting_attendance (meeting_id, user_id) values ($1, $2)
		 on conflict (meeting_id, user_id) do update set last_seen_at = now()`,
		[meetingId, userId]
	);
}

/** A meeting of the plan with its agenda and attendance, or null. */
export async function readMeeting(
	db: Queryable,
	planId: string,
	meetingId: string
): Promise<MeetingView | null> {
	const rows = await db.query<
		SummaryRow & { presenter_id: string | null; presenter: string | null; current_item: number }
	>(
		`select ${SUMMARY_COLUMNS}, m.presenter_id, p.name as presenter, m.current_item
		 from ${SUMMARY_FROM} left join users p on p.id = m.presenter_id
		 where m.id = $1 and m.plan_id = $2`,
		[meetingId, planId]
	);
	const m = rows[0];
	if (!m) return null;
	const agenda = await db.query<{
		position: number;
		title: string;
		step: number | null;
		owner_id: string | null;
		owner: string | null;
		minutes: number;
		started_at: unknown;
		ended_at: unknown;
	}>(
		`select a.position, a.title, a.step, a.owner_id, u.name as owner, a.minutes, a.started_at,
		        a.ended_at
		 from meeting_agenda a left join users u on u.id = a.owner_id
		 where a.meeting_id = $1 order by a.position`,
		[meetingId]
	);
	const attendance = await db.query<{ user_id: string; name: string; joined_at: unknown }>(
		`select a.user_id, u.name, a.joined_at from meeting_attendance a
		 join users u on u.id = a.user_id where a.meeting_id = $1 order by a.joined_at, u.name`,
		[meetingId]
	);
	return {
		...summaryOf(m),
		presenter: m.presenter_id && m.presenter ? { id: m.presenter_id, name: m.presenter } : null,
		currentItem: m.current_item,
		agenda: agenda.map((a) => ({
			position: a.position,
			title: a.title,
			step: a.step,
			ownerId: a.owner_id,
			ownerName: a.owner,
			minutes: a.minutes,
			startedAt: iso(a.started_at),
			endedAt: iso(a.ended_at)
		})),
		attendance: attendance.map((a) => ({
			id: a.user_id,
			name: a.name,
			joinedAt: iso(a.joined_at)!
		}))
	};
}

export interface MeetingSummary {
	id: string;
	title: string;
	step: number | null;
	startedAt: string;
	endedAt: string | null;
	startedBy: string | null;
}

/** The plan's meetings, newest first. */
export async function listMeetings(db: Queryable, planId: string): Promise<MeetingSummary[]> {
	const rows = await db.query<SummaryRow>(
		`select ${SUMMARY_COLUMNS} from ${SUMMARY_FROM}
		 where m.plan_id = $1 order by m.started_at desc`,
		[planId]
	);
	return rows.map(summaryOf);
}

/** What every read of a meeting selects, from `SUMMARY_FROM`. */
const SUMMARY_COLUMNS = `m.id, m.title, m.step, m.started_at, m.ended_at, s.name as starter`;
const SUMMARY_FROM = `meetings m left join users s on s.id = m.started_by`;
type SummaryRow = {
	id: string;
	title: string;
	step: number | null;
	started_at: unknown;
	ended_at: unknown;
	starter: string | null;
};

function summaryOf(r: SummaryRow): MeetingSummary {
	return {
		id: r.id,
		title: r.title,
		step: r.step,
		startedAt: iso(r.started_at)!,
		endedAt: iso(r.ended_at),
		startedBy: r.starter
	};
}
