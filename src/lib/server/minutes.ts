/**
 * A meeting's minutes from what the database recorded: its agenda and attendance, the decisions
 * taken in it, the cycle events and the cell changes of its time (cell_edits, with their authors).
 */
import { describeEvent, type CycleEventKind } from '../domain/cycle.ts';
import { measure } from '../domain/measures.ts';
import { SOMEONE, type Minutes, type MinutesEdit } from '../domain/meeting/minutes.ts';
import { STEPS, type StepNumber } from '../domain/roles.ts';
import type { Queryable } from './db/index.ts';
import { listDecisions, rowNames } from './decisions.ts';
import { iso, readMeeting } from './meetings.ts';
import { getPlan } from './plans.ts';

/** How many of the largest changes the minutes list. */
const BIGGEST = 10;

export function scopeName(step: number | null): string {
	return step === null ? 'Whole cycle' : `Step ${step}: ${STEPS[step - 1].name}`;
}

export async function readMinutes(
	db: Queryable,
	planId: string,
	meetingId: string
): Promise<Minutes | null> {
	const meeting = await readMeeting(db, planId, meetingId);
	const plan = await getPlan(db, planId);
	if (!meeting || !plan) return null;
	const until = meeting.endedAt ?? new Date().toISOString();
	const span = [planId, meeting.startedAt, until];

	const events = await db.query<{
		kind: CycleEventKind;
		step: StepNumber | null;
		name: string | null;
		detail: string;
		created_at: unknown;
	}>(
		`select e.kind, e.step, u.name, e.detail, e.created_at
		 from plan_events e left join users u on u.id = e.user_id
		 where e.plan_id = $1 and e.created_at between $2 and $3 order by e.id`,
		span
	);
	const people = await db.query<{ name: string | null; count: number }>(
		`select u.name, count(*)::int as count from cell_edits e left join users u on u.id = e.user_id
		 where e.plan_id = $1 and e.at between $2 and $3
		 group by e.user_id, u.name order by count desc, u.name`,
		span
	);
	const biggest = await db.query<{
		name: string | null;
		owner_id: string;
		measure: string;
		period: string;
		old_value: number | null;
		new_value: number | null;
		at: unknown;
	}>(
		`select u.name, e.owner_id, e.measure, e.period, e.old_value, e.new_value, e.at
		 from cell_edits e left join users u on u.id = e.user_id
		 where e.plan_id = $1 and e.at between $2 and $3
		 order by abs(coalesce(e.new_value, 0) - coalesce(e.old_value, 0)) desc, e.id
		 limit ${BIGGEST}`,
		span
	);
	const names = await rowNames(db, planId);
	const edit = (r: (typeof biggest)[number]): MinutesEdit => ({
		userName: r.name,
		label: [
			names.get(r.owner_id) ?? r.owner_id,
			measure(r.measure)?.label ?? r.measure,
			r.period
		].join(' · '),
		oldValue: r.old_value,
		newValue: r.new_value,
		at: iso(r.at)!
	});

	return {
		title: meeting.title,
		planName: plan.name,
		scope: scopeName(meeting.step),
		startedAt: meeting.startedAt,
		endedAt: meeting.endedAt,
		startedBy: meeting.startedBy,
		agenda: meeting.agenda,
		attendance: meeting.attendance,
		decisions: (await listDecisions(db, planId, meetingId)).map((d) => ({
			text: d.text,
			ownerName: d.ownerName,
			dueDate: d.dueDate,
			refs: d.refs.map((r) => r.label),
			status: d.status
		})),
		signOffs: events.map((e) => ({
			at: iso(e.created_at)!,
			text: `${e.name ?? 'Someone'} ${describeEvent(e)}`
		})),
		changes: {
			total: people.reduce((sum, p) => sum + p.count, 0),
			people: people.map((p) => ({ name: p.name ?? SOMEONE, count: p.count })),
			biggest: biggest.map(edit)
		}
	};
}
