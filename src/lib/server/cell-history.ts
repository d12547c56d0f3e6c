/**
 * Reading the cell history (`cell_edits`, written with the update log by the collaboration
 * server) and the plan visits that "changes since my last visit" counts from. Every reader checks
 * on its own that the user is a member of the plan.
 */
import {
	CHANGES_LIMIT,
	type CellAddress,
	type CellHistoryView,
	type ChangesView,
	type VisitTimes
} from '../domain/cell-history.ts';
import type { Queryable } from './db/index.ts';
import { getPlanAccess } from './access.ts';
import { listThreads } from './comments.ts';
import { Refusal } from './refusal.ts';

const NO_PLAN = 'No such plan, or you have no access to it.';

/** The newest entries a cell's history shows; older ones are counted, not listed. */
export const HISTORY_LIMIT = 200;
/** Page opens closer together than this are one visit: a reload does not hide what changed. */
const VISIT_GAP = '1 hour';

async function requireMember(db: Queryable, planId: string, userId: string): Promise<void> {
	if (!(await getPlanAccess(db, userId, planId))) throw new Refusal(NO_PLAN, 404);
}

const iso = (d: Date | string): string => new Date(d).toISOString();
const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** One cell's changes, newest first, and the comment threads on it. */
export async function cellHistory(
	db: Queryable,
	planId: string,
	userId: string,
	cell: CellAddress
): Promise<CellHistoryView> {
	await requireMember(db, planId, userId);
	const rows = await db.query<{
		id: string | number;
		at: Date;
		user_id: string | null;
		user_name: string | null;
		kind: string;
		edit_cells: number;
		old_value: number | null;
		new_value: number | null;
		total: string | number;
	}>(
		`select e.id, e.at, e.user_id, u.name as user_name, e.kind, e.edit_cells, e.old_value,
		        e.new_value, count(*) over () as total
		 from cell_edits e left join users u on u.id = e.user_id
		 where e.plan_id = $1 and e.owner_id = $2 and e.measure = $3 and e.period = $4
		 order by e.id desc limit $5`,
		[planId, cell.ownerId, cell.measureId, cell.period, HISTORY_LIMIT]
	);
	const threads = (await listThreads(db, planId)).filter(
		(t) => t.ownerId === cell.ownerId && t.measureId === cell.measureId && t.period === cell.period
	);
	return {
		edits: rows.map((r) => ({
			id: Number(r.id),
			at: iso(r.at),
			userId: r.user_id,
			userName: r.user_name,
			kind: r.kind,
			editCells: r.edit_cells,
			old: num(r.old_value),
			new: num(r.new_value)
		})),
		total: rows.length > 0 ? Number(rows[0].total) : 0,
		threads
	};
}

/**
 * The cells changed after `since`, with how often and by whom last; with `after`, only the edits
 * recorded after that one (a browser bringing its list up to date reads just what is new).
 */
export async function changesSince(
	db: Queryable,
	planId: string,
	userId: string,
	since: Date,
	after = 0
): Promise<ChangesView> {
	await requireMember(db, planId, userId);
	const rows = await db.query<{
		owner_id: string;
		measure: string;
		period: string;
		edits: string | number;
		last_at: Date;
		last_user: string | null;
		total: string | number;
		newest: string | number;
	}>(
		`with changed as (
		   select owner_id, measure, period, count(*) as edits, max(id) as last_id
		   from cell_edits
		   where plan_id = $1 and at > $2 and id > $4
		   group by owner_id, measure, period
		 )
		 select c.owner_id, c.measure, c.period, c.edits, e.at as last_at,
		        u.name as last_user, count(*) over () as total, max(c.last_id) over () as newest
		 from changed c join cell_edits e on e.id = c.last_id
		 left join users u on u.id = e.user_id
		 order by c.last_id desc limit $3`,
		[planId, since, CHANGES_LIMIT, after]
	);
	return {
		since: since.toISOString(),
		total: rows.length > 0 ? Number(rows[0].total) : 0,
		cells: rows.map((r) => ({
			ownerId: r.owner_id,
			measureId: r.measure,
			period: r.period,
			edits: Number(r.edits),
			lastAt: iso(r.last_at),
			lastUserName: r.last_user
		})),
		lastId: rows.length > 0 ? Number(rows[0].newest) : after
	};
}

/**
 * Counts a page open as a visit and answers when the previous visit was. Opens within VISIT_GAP
 * of the last one belong to the same visit and keep its "previous".
 */
export async function recordVisit(
	db: Queryable,
	planId: string,
	userId: string
): Promise<VisitTimes> {
	const [visit] = await db.query<{ previous_seen_at: Date | null }>(
		`insert into plan_visits (plan_id, user_id, last_seen_at) values ($1, $2, now())
		 on conflict (plan_id, user_id) do update set
		   previous_seen_at = case when plan_visits.last_seen_at < now() - interval '${VISIT_GAP}'
		                           then plan_visits.last_seen_at else plan_visits.previous_seen_at end,
		   last_seen_at = now()
		 returning previous_seen_at`,
		[planId, userId]
	);
	const [plan] = await db.query<{ created_at: Date; previous_plan_id: string | null }>(
		`select created_at, previous_plan_id from plans where id = $1`,
		[planId]
	);
	return {
		lastVisit: visit?.previous_seen_at ? iso(visit.previous_seen_at) : null,
		planStart: iso(plan.created_at),
		rolled: plan.previous_plan_id !== null
	};
}
