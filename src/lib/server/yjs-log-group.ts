import { parseDocument } from '../domain/documents.ts';
import { FencedOut, type PlanFence } from './cluster/fence.ts';
import type { Queryable } from './db/index.ts';
import {
	BYTES_PER_STATEMENT,
	EDITS_PER_STATEMENT,
	editRows,
	ROWS_PER_STATEMENT,
	type LoggedUpdate
} from './yjs-store.ts';

/** One document's updates waiting to be logged, with its plan's fence (several processes). */
export interface DocumentBatch {
	name: string;
	updates: LoggedUpdate[];
	fence?: PlanFence;
}

/** What one statement can carry: the limits `appendUpdates` keeps to for a single document. */
export class StatementSize {
	private rows = 0;
	private bytes = 0;
	private edits = 0;

	/** Counts the batch in, unless it would not fit with what is already in. */
	add(batch: DocumentBatch): boolean {
		const rows = this.rows + batch.updates.length;
		const bytes = this.bytes + batch.updates.reduce((sum, u) => sum + u.update.byteLength, 0);
		const edits = this.edits + batch.updates.reduce((sum, u) => sum + (u.cells?.length ?? 0), 0);
		const fits = rows <= ROWS_PER_STATEMENT && bytes <= BYTES_PER_STATEMENT;
		if (!fits || edits > EDITS_PER_STATEMENT) return false;
		Object.assign(this, { rows, bytes, edits });
		return true;
	}
}

/**
 * Logs several documents' batches (that fit one statement: `StatementSize`, one batch per
 * document) in one statement, their cell history and every plan's fence check with them: a
 * statement's own overhead in Postgres is many times that of one more row. Returns per batch its
 * highest log id, or FencedOut (nothing of it written) when its plan's fence is no longer its own.
 */
export async function appendDocuments(
	q: Queryable,
	batches: DocumentBatch[]
): Promise<(number | Error)[]> {
	const params: unknown[] = [];
	const param = (value: unknown) => `$${params.push(value)}`;
	const fences = batches.flatMap(({ fence }) =>
		fence ? [`(${param(fence.planId)}::text, ${param(fence.token)}::bigint)`] : []
	);
	const logRows: string[] = [];
	const edits: unknown[][] = Array.from({ length: 11 }, () => []);
	for (const { name, updates, fence } of batches) {
		const guard = fence?.planId ?? null;
		for (const u of updates) {
			const row = [name, u.update, u.userId, u.source ?? null, guard].map(param);
			logRows.push(
				`(${row[0]}::text, ${row[1]}::bytea, ${row[2]}::text, ${row[3]}::text, ${row[4]}::text, ${logRows.length})`
			);
		}
		const ref = parseDocument(name);
		if (ref?.kind !== 'step') continue;
		for (const [change, userId, kind, n] of editRows(updates)) {
			const values: unknown[] = [
				ref.planId,
				ref.step,
				change.ownerId,
				change.measure,
				change.period
			];
			values.push(change.old, change.new, userId, kind, n, guard);
			values.forEach((value, i) => edits[i].push(value));
		}
	}
	const fenced = `v.guard is null or v.guard in (select plan_id from fence)`;
	const ctes = [
		`fence as (select f.plan_id from plan_fences f
		   join (values ${fences.length > 0 ? fences.join(', ') : '(null::text, null::bigint)'}) as t(plan_id, token)
		     on f.plan_id = t.plan_id and f.fence = t.token
		   for share of f)`
	];
	if (edits[0].length > 0) {
		const types = [
			'text',
			'int',
			'text',
			'text',
			'text',
			'float8',
			'float8',
			'text',
			'text',
			'int',
			'text'
		];
		const arrays = edits.map((column, i) => `${param(column)}::${types[i]}[]`);
		ctes.push(`edits as (insert into cell_edits
		   (plan_id, step, owner_id, measure, period, old_value, new_value, user_id, kind, edit_cells)
		 select v.plan_id, v.step, v.owner_id, v.measure, v.period, v.old_value, v.new_value, u.id,
		        v.kind, v.n
		 from unnest(${arrays.join(', ')}) with ordinality
		      as v(plan_id, step, owner_id, measure, period, old_value, new_value, user_id, kind, n, guard, ord)
		 left join users u on u.id = v.user_id
		 where exists (select 1 from plans where id = v.plan_id) and (${fenced})
		 order by v.ord)`);
	}
	const rows = await q.query<{ id: string | number; doc: string }>(
		`with ${ctes.join(', ')}
		 insert into yjs_updates (doc, update, user_id, source)
		 select v.doc, v.bytes, u.id, v.source
		 from (values ${logRows.join(', ')}) as v(doc, bytes, user_id, source, guard, ord)
		 left join users u on u.id = v.user_id
		 where ${fenced}
		 order by v.ord
		 returning id, doc`,
		params
	);
	const lastIds = new Map<string, number>();
	for (const { id, doc } of rows) lastIds.set(doc, Math.max(lastIds.get(doc) ?? 0, Number(id)));
	return batches.map(({ name, fence }) => {
		const lastId = lastIds.get(name);
		if (lastId !== undefined) return lastId;
		// Every batch has updates: none logged means its plan's fence turned it away.
		return fence ? new FencedOut(fence.planId) : new Error(`${name}: nothing was logged`);
	});
}
