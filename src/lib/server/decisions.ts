/**
 * The decision log. A decision belongs to the plan it was taken on; open decisions of the plan's
 * earlier cycles (plans.previous_plan_id, back to the first) show on it as actions until done.
 */
import type { Decision, DecisionRef } from '../domain/meeting/view.ts';
import { rowNames as namesOfRows } from '../domain/cell-label.ts';
import { measure } from '../domain/measures.ts';
import { periods } from '../domain/periods.ts';
import { planChanged } from './collab-bridge.ts';
import type { Db, Queryable } from './db/index.ts';
import type { DecisionInput } from './meeting-forms.ts';
import { randomId } from './ids.ts';
import { assertMembers, iso, runningMeeting, type MeetingActor } from './meetings.ts';
import { getHierarchy, getPlan } from './plans.ts';
import { Refusal } from './refusal.ts';

/** The plan's rows by id (items, families and the total), named as the grid names them. */
export async function rowNames(db: Queryable, planId: string): Promise<Map<string, string>> {
	const { families, items } = await getHierarchy(db, planId);
	return new Map(Object.entries({ total: 'Plan total', ...namesOfRows(families, items) }));
}

/** Names the refs from the plan's hierarchy; refuses any that is not in the plan. */
async function labelRefs(
	db: Queryable,
	planId: string,
	refs: DecisionInput['refs']
): Promise<DecisionRef[]> {
	if (refs.length === 0) return [];
	const plan = (await getPlan(db, planId))!;
	const months = new Set(periods(plan.start_month, plan.horizon));
	const names = await rowNames(db, planId);
	return refs.map((ref) => {
		const owner = names.get(ref.ownerId);
		const m = ref.measureId === null ? null : measure(ref.measureId);
		if (!owner || m === undefined || (ref.period !== null && !months.has(ref.period)))
			throw new Refusal('A selected cell is not in this plan; select it again.', 400);
		return { ...ref, label: [owner, m?.label, ref.period].filter(Boolean).join(' · ') };
	});
}

/** Records a decision, in the running meeting if there is one. Viewers only watch. */
export async function recordDecision(
	db: Db,
	actor: MeetingActor,
	input: DecisionInput
): Promise<string> {
	if (actor.access.role === 'viewer')
		throw new Refusal('Viewers cannot record decisions; ask a leader or an editor.', 403);
	await assertMembers(db, actor.planId, [input.ownerId], 'the owner');
	const refs = await labelRefs(db, actor.planId, input.refs);
	const meeting = await runningMeeting(db, actor.planId);
	const id = randomId();
	await db.query(
		`insert into decisions (id, plan_id, meeting_id, text, owner_id, due_date, refs, created_by)
		 values ($1, $2, $3, $4, $5, $6::date, $7::jsonb, $8)`,
		[
			id,
			actor.planId,
			meeting?.id ?? null,
			input.text,
			input.ownerId,
			input.due,
			JSON.stringify(refs),
			actor.userId
		]
	);
	planChanged(actor.planId, 'meeting');
	return id;
}

/** The plan and its earlier cycles, nearest first. */
const CYCLE_CHAIN = `with recursive chain(id, depth) as (
	select id, 0 from plans where id = $1
	union all
	select p.previous_plan_id, c.depth + 1 from chain c join plans p on p.id = c.id
	where p.previous_plan_id is not null and c.depth < 100
)`;

/**
 * The plan's decisions and the open ones of its earlier cycles; with `meetingId`, only that
 * meeting's. Open first, then newest first.
 */
export async function listDecisions(
	db: Queryable,
	planId: string,
	meetingId: string | null = null
): Promise<Decision[]> {
	const rows = await db.query<{
		id: string;
		plan_id: string;
		plan_name: string;
		meeting_id: string | null;
		text: string;
		owner_id: string | null;
		owner: string | null;
		due: string | null;
		refs: unknown;
		status: 'open' | 'done';
		creator: string | null;
		created_at: unknown;
		done_at: unknown;
		finisher: string | null;
	}>(
		`${CYCLE_CHAIN}
		 select d.id, d.plan_id, p.name as plan_name, d.meeting_id, d.text, d.owner_id,
		        o.name as owner, to_char(d.due_date, 'YYYY-MM-DD') as due, d.refs, d.status,
		        c.name as creator, d.created_at, d.done_at, f.name as finisher
		 from decisions d join chain on chain.id = d.plan_id join plans p on p.id = d.plan_id
		 left join users o on o.id = d.owner_id left join users c on c.id = d.created_by
		 left join users f on f.id = d.done_by
		 where (d.plan_id = $1 or d.status = 'open') and ($2::text is null or d.meeting_id = $2)
		 order by d.status = 'done', d.created_at desc, d.id`,
		[planId, meetingId]
	);
	return rows.map((r) => ({
		id: r.id,
		planId: r.plan_id,
		planName: r.plan_name,
		meetingId: r.meeting_id,
		text: r.text,
		ownerId: r.owner_id,
		ownerName: r.owner,
		dueDate: r.due,
		refs: (typeof r.refs === 'string' ? JSON.parse(r.refs) : r.refs) as DecisionRef[],
		status: r.status,
		createdBy: r.creator,
		createdAt: iso(r.created_at)!,
		doneAt: iso(r.done_at),
		doneBy: r.finisher
	}));
}

/**
 * Marks a decision of this plan or of an earlier cycle done. Leaders and editors may; a viewer
 * only for a decision they own.
 */
export async function markDecisionDone(
	db: Db,
	actor: MeetingActor,
	decisionId: string
): Promise<void> {
	const rows = await db.query<{ owner_id: string | null; status: string }>(
		`${CYCLE_CHAIN}
		 select d.owner_id, d.status from decisions d join chain on chain.id = d.plan_id
		 where d.id = $2`,
		[actor.planId, decisionId]
	);
	const decision = rows[0];
	if (!decision) throw new Refusal('No such decision on this plan or its earlier cycles.', 404);
	if (actor.access.role === 'viewer' && decision.owner_id !== actor.userId)
		throw new Refusal('Only the owner, an editor or a leader can mark a decision done.', 403);
	if (decision.status === 'done') throw new Refusal('That decision is already done.', 409);
	await db.query(
		`update decisions set status = 'done', done_at = now(), done_by = $2 where id = $1`,
		[decisionId, actor.userId]
	);
	planChanged(actor.planId, 'meeting');
}
