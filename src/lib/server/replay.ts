/**
 * Replay windows: a plan's typed values at the end of a period and the cell edits of the period,
 * read from Postgres only (the saved step documents and `cell_edits`), never from a live room.
 */
import { rowsAt, type FirstEditAfter } from '../domain/replay/anchor.ts';
import {
	REPLAY_EDIT_LIMIT,
	type ReplayPerson,
	type ReplayWindow
} from '../domain/replay/window.ts';
import { cellKey, INPUT_MEASURES, rowKey } from '../domain/measures.ts';
import type { Queryable } from './db/index.ts';
import { loadStepValues } from './plan-versions.ts';
import type { PlanFamily, PlanItem } from './plans.ts';

/** Edits without an account (a server write, or a person since removed) show as one. */
const NO_ACCOUNT: Omit<ReplayPerson, 'id'> = {
	name: 'No account (server write)',
	color: '#555555'
};

interface EditRow {
	id: number;
	owner_id: string;
	measure: string;
	period: string;
	old_value: number | null;
	new_value: number | null;
	user_id: string | null;
	at_ms: number;
}

export interface PlanShapeForReplay {
	planId: string;
	periods: readonly string[];
	families: readonly PlanFamily[];
	items: readonly PlanItem[];
}

/**
 * The edits of `plan` made after `from` and up to `to` (at most `limit`, the first ones), with the
 * plan's typed values as they stood after the last of them.
 */
export async function loadReplayWindow(
	db: Queryable,
	plan: PlanShapeForReplay,
	from: Date,
	to: Date,
	limit = REPLAY_EDIT_LIMIT
): Promise<ReplayWindow> {
	const rows = await editsOf(db, plan.planId, from, to, limit + 1);
	const cut = rows.length > limit;
	if (cut) rows.length = limit;
	const total = cut ? await countEdits(db, plan.planId, from, to) : rows.length;
	const anchorId = cut ? rows[rows.length - 1].id : await lastIdUpTo(db, plan.planId, to);
	const values = rowsAt(
		await typedRows(db, plan),
		plan.periods,
		await firstEditsAfter(db, plan.planId, anchorId)
	);

	const cellIndex = new Map<string, number>();
	const personIndex = new Map<string | null, number>();
	const edits: ReplayWindow['edits'] = { cell: [], old: [], new: [], person: [], at: [] };
	for (const r of rows) {
		const key = cellKey(r.owner_id, r.period, r.measure);
		let c = cellIndex.get(key);
		if (c === undefined) cellIndex.set(key, (c = cellIndex.size));
		let p = personIndex.get(r.user_id);
		if (p === undefined) personIndex.set(r.user_id, (p = personIndex.size));
		edits.cell.push(c);
		edits.old.push(r.old_value);
		edits.new.push(r.new_value);
		edits.person.push(p);
		edits.at.push(Math.floor(r.at_ms));
	}
	const end = cut ? new Date(edits.at[edits.at.length - 1]) : to;
	return {
		from: from.toISOString(),
		to: to.toISOString(),
		end: end.toISOString(),
		cut,
		limit,
		total,
		rows: values,
		cells: [...cellIndex.keys()],
		people: await peopleOf(db, [...personIndex.keys()]),
		edits
	};
}

/**
 * The first `limit` edits of the period by id. They arrive as one JSON text: 100,000 rows as
 * 100,000 driver rows take seconds to cross from the PGlite worker, one text a fraction of that.
 */
async function editsOf(
	db: Queryable,
	planId: string,
	from: Date,
	to: Date,
	limit: number
): Promise<EditRow[]> {
	const [{ edits }] = await db.query<{ edits: string }>(
		`select coalesce(json_agg(json_build_array(id, owner_id, measure, period, old_value,
		        new_value, user_id, extract(epoch from at) * 1000) order by id), '[]')::text as edits
		 from (select * from cell_edits where plan_id = $1 and at > $2 and at <= $3
		       order by id limit $4) e`,
		[planId, from.toISOString(), to.toISOString(), limit]
	);
	return (JSON.parse(edits) as unknown[][]).map((e) => ({
		id: Number(e[0]),
		owner_id: e[1] as string,
		measure: e[2] as string,
		period: e[3] as string,
		old_value: e[4] as number | null,
		new_value: e[5] as number | null,
		user_id: e[6] as string | null,
		at_ms: Number(e[7])
	}));
}

async function countEdits(db: Queryable, planId: string, from: Date, to: Date): Promise<number> {
	const [{ n }] = await db.query<{ n: number }>(
		`select count(*)::int as n from cell_edits where plan_id = $1 and at > $2 and at <= $3`,
		[planId, from.toISOString(), to.toISOString()]
	);
	return Number(n);
}

/** The last edit made up to `to`; the values at `to` are those with every later edit undone. */
async function lastIdUpTo(db: Queryable, planId: string, to: Date): Promise<string | number> {
	const [{ id }] = await db.query<{ id: string | number }>(
		`select coalesce(max(id), 0) as id from cell_edits where plan_id = $1 and at <= $2`,
		[planId, to.toISOString()]
	);
	return id;
}

/** Each cell's first edit after edit `afterId` (by the cell index, one row per cell). */
function firstEditsAfter(
	db: Queryable,
	planId: string,
	afterId: string | number
): Promise<FirstEditAfter[]> {
	return db.query<FirstEditAfter>(
		`select distinct on (owner_id, measure, period)
		        owner_id as "ownerId", measure, period, old_value as old
		 from cell_edits where plan_id = $1 and id > $2
		 order by owner_id, measure, period, id`,
		[planId, afterId]
	);
}

/** The typed rows as saved now, null where empty; rows with no value are left out. */
async function typedRows(
	db: Queryable,
	plan: PlanShapeForReplay
): Promise<Record<string, (number | null)[]>> {
	const steps = await loadStepValues(db, plan.planId, plan.periods);
	const rows: Record<string, (number | null)[]> = {};
	for (const m of INPUT_MEASURES) {
		const owners = m.level === 'item' ? plan.items : plan.families;
		const step = steps.get(m.step)!;
		for (const owner of owners) {
			const key = rowKey(owner.id, m.id);
			const row = step.row(key);
			if (row.every(Number.isNaN)) continue;
			rows[key] = Array.from(row, (v) => (Number.isNaN(v) ? null : v));
		}
	}
	return rows;
}

async function peopleOf(db: Queryable, ids: (string | null)[]): Promise<ReplayPerson[]> {
	const known = ids.filter((id): id is string => id !== null);
	const found = known.length
		? await db.query<{ id: string; name: string; color: string }>(
				`select id, name, color from users where id = any($1::text[])`,
				[known]
			)
		: [];
	const byId = new Map(found.map((u) => [u.id, u]));
	return ids.map((id) => {
		const user = id === null ? undefined : byId.get(id);
		return user ? { id, name: user.name, color: user.color } : { id, ...NO_ACCOUNT };
	});
}
