import * as Y from 'yjs';
import type { WriteSource } from '../sync/server-write.ts';
import type { CellChange } from '../domain/cell-history.ts';
import { parseDocument } from '../domain/documents.ts';
import type { Db, Queryable } from './db/index.ts';
import { checkFence, FencedOut, fenceHeld, type PlanFence } from './cluster/fence.ts';

/** An update to a document waiting to be logged: a person's edit, or a server-side write. */
export interface LoggedUpdate {
	update: Uint8Array;
	userId: string | null;
	/** Where a server-side write came from; absent for a person's own edit. */
	source?: WriteSource;
	/** On a step document: the cells whose shown value the update changed, for `cell_edits`. */
	cells?: readonly CellChange[];
	/** How the change was made (`cell_edits.kind`). */
	kind?: string;
}

export interface LoadResult {
	/** Highest log id reflected in the document (from the snapshot or the log). */
	lastId: number;
	/** Log rows applied on top of the snapshot: what the next compaction will fold in. */
	logged: number;
	/** Log rows that could not be applied and were skipped. */
	skipped: number;
	snapshotBytes: number;
	/** Bytes of the log rows applied on top of the snapshot. */
	loggedBytes: number;
	/**
	 * The document's whole state as one update, when an empty document was loaded from exactly one
	 * (a snapshot and no later log rows, or a single log row) and took all of it.
	 */
	state: Uint8Array | null;
}

/** Applies the document's snapshot and every later logged update to `doc`. */
export async function loadDocument(db: Queryable, name: string, doc: Y.Doc): Promise<LoadResult> {
	const { snapshot, since, rows } = await readStored(db, name);
	const updates = rows.map((row) => row.bytes);
	const skipped = applyLogged(doc, snapshot, updates);
	const lastRow = rows.at(-1);
	const sources = snapshot ? [snapshot, ...updates] : updates;
	const { pendingStructs, pendingDs } = doc.store;
	const whole = sources.length === 1 && skipped === 0 && !pendingStructs && !pendingDs;
	return {
		lastId: lastRow ? Number(lastRow.id) : since,
		logged: rows.length,
		skipped,
		snapshotBytes: snapshot?.byteLength ?? 0,
		loggedBytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
		state: whole ? sources[0] : null
	};
}

/**
 * The document's snapshot and the log rows after it (up to `upTo`), read in one statement: a
 * compaction committing between two reads would hide the rows it folded into a snapshot the
 * first read did not see (a version or an export would miss edits).
 */
async function readStored(db: Queryable, name: string, upTo = Number.MAX_SAFE_INTEGER) {
	const rows = await db.query<{
		id: string | number | null;
		bytes: Uint8Array;
		last_update_id: string | number | null;
	}>(
		`with snap as (select state, last_update_id from yjs_snapshots where doc = $1)
		 select null::bigint as id, state as bytes, last_update_id from snap
		 union all
		 select u.id, u.update, null from yjs_updates u
		 where u.doc = $1 and u.id > coalesce((select last_update_id from snap), 0) and u.id <= $2
		 order by id nulls first`,
		[name, upTo]
	);
	const snapshot = rows[0]?.id === null ? rows[0] : undefined;
	return {
		snapshot: snapshot?.bytes ?? null,
		since: snapshot ? Number(snapshot.last_update_id) : 0,
		rows: snapshot ? rows.slice(1) : rows
	};
}

/**
 * Applies a snapshot and the updates logged after it to `doc` in one transaction; returns how many
 * updates could not be applied and were skipped: one unreadable row must not make the whole
 * document unavailable.
 */
function applyLogged(doc: Y.Doc, snapshot: Uint8Array | null, updates: Uint8Array[]): number {
	let skipped = 0;
	doc.transact(() => {
		if (snapshot) Y.applyUpdate(doc, snapshot);
		for (const update of updates) {
			try {
				Y.applyUpdate(doc, update);
			} catch {
				skipped++;
			}
		}
	}, 'load');
	return skipped;
}

/** Folds a snapshot and the updates logged after it into the state a document holding them has. */
export type Fold = (snapshot: Uint8Array | null, updates: Uint8Array[]) => Promise<Uint8Array>;

/** The fold, on the calling thread. */
export function foldUpdates(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
	const doc = new Y.Doc();
	try {
		applyLogged(doc, snapshot, updates);
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}

/** Keeps each statement well under Postgres' 65,535 parameters and a sane message size. */
export const ROWS_PER_STATEMENT = 1000;
export const BYTES_PER_STATEMENT = 8 * 1024 * 1024;

/**
 * Appends updates to the log in as few statements as possible, all in one transaction. Returns the
 * highest id written. A user deleted meanwhile is logged as null instead of failing the batch
 * forever on the foreign key. With a fence (several processes), the write first checks that the
 * plan's fence is still ours and throws FencedOut, writing nothing, when it is not.
 */
export async function appendUpdates(
	db: Db,
	name: string,
	updates: LoggedUpdate[],
	fence?: PlanFence
): Promise<number> {
	const ref = parseDocument(name);
	const planStep = ref?.kind === 'step' ? { planId: ref.planId, step: ref.step } : null;
	// Each chunk's cell history rides in its log statement when it fits, else in statements of its own.
	const parts = chunk(updates).map((part) => {
		const edits = planStep ? editRows(part) : [];
		return { part, edits, inline: edits.length <= EDITS_PER_STATEMENT };
	});
	/** `fenced`: the statement checks the fence itself (the batch is that one statement). */
	const write = async (q: Queryable, fenced?: PlanFence) => {
		let lastId = 0;
		for (const { part, edits, inline } of parts) {
			const values = part.map(
				(_, i) => `($${i * 3 + 2}::bytea, $${i * 3 + 3}::text, $${i * 3 + 4}::text, ${i})`
			);
			const params: unknown[] = [
				name,
				...part.flatMap((u) => [u.update, u.userId, u.source ?? null])
			];
			const ctes: string[] = [];
			if (fenced) {
				ctes.push(`fence as (${fenceHeld(params.length + 1)})`);
				params.push(fenced.planId, fenced.token);
			}
			const onlyIfFenced = fenced ? 'exists (select 1 from fence)' : 'true';
			if (inline && edits.length > 0) {
				ctes.push(`edits as (${insertEdits(params.length + 1, onlyIfFenced)})`);
				params.push(...editParams(planStep!, edits));
			}
			const rows = await q.query<{ id: string | number }>(
				`${ctes.length > 0 ? `with ${ctes.join(', ')} ` : ''}
				 insert into yjs_updates (doc, update, user_id, source)
				 select $1, v.bytes, u.id, v.source
				 from (values ${values.join(', ')}) as v(bytes, user_id, source, ord)
				 left join users u on u.id = v.user_id
				 where ${onlyIfFenced}
				 order by v.ord
				 returning id`,
				params
			);
			if (fenced && rows.length === 0) throw new FencedOut(fenced.planId);
			for (const row of rows) lastId = Math.max(lastId, Number(row.id));
			if (inline) continue;
			for (let from = 0; from < edits.length; from += EDITS_PER_STATEMENT) {
				const slice = edits.slice(from, from + EDITS_PER_STATEMENT);
				await q.query(insertEdits(1, 'true'), editParams(planStep!, slice));
			}
		}
		return lastId;
	};
	// The usual batch is one statement, its own transaction; a fence checked in it costs no round
	// trips of a transaction (hundreds of plans each commit several times a second).
	if (parts.length === 1 && parts[0].inline) return write(db, fence);
	return db.transaction(async (tx) => {
		if (fence) await checkFence(tx, fence);
		return write(tx);
	});
}

/** Cell history rows per statement: 8 arrays of this length, well within a sane message. */
export const EDITS_PER_STATEMENT = 20_000;

export type EditRow = readonly [CellChange, string | null, string, number];

/** The cell history rows of some updates: the change, its author, kind and the edit's size. */
export function editRows(updates: LoggedUpdate[]): EditRow[] {
	return updates.flatMap((u) =>
		(u.cells ?? []).map((c) => [c, u.userId, u.kind ?? 'edit', u.cells!.length] as const)
	);
}

/**
 * Inserts cell history rows from parameters $n to $n+9 (see `editParams`) when `condition` holds.
 * A plan deleted meanwhile gets none; a user deleted meanwhile is recorded as null, as in the log.
 */
function insertEdits(n: number, condition: string): string {
	const p = (i: number) => `$${n + i}`;
	return `insert into cell_edits
	   (plan_id, step, owner_id, measure, period, old_value, new_value, user_id, kind, edit_cells)
	 select ${p(0)}, ${p(1)}::int, v.owner_id, v.measure, v.period, v.old_value, v.new_value, u.id,
	        v.kind, v.n
	 from unnest(${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::float8[],
	             ${p(6)}::float8[], ${p(7)}::text[], ${p(8)}::text[], ${p(9)}::int[])
	      with ordinality as v(owner_id, measure, period, old_value, new_value, user_id, kind, n, ord)
	 left join users u on u.id = v.user_id
	 where exists (select 1 from plans where id = ${p(0)}) and ${condition}
	 order by v.ord`;
}

function editParams(at: { planId: string; step: number }, rows: readonly EditRow[]): unknown[] {
	return [
		at.planId,
		at.step,
		rows.map(([c]) => c.ownerId),
		rows.map(([c]) => c.measure),
		rows.map(([c]) => c.period),
		rows.map(([c]) => c.old),
		rows.map(([c]) => c.new),
		rows.map(([, userId]) => userId),
		rows.map(([, , kind]) => kind),
		rows.map(([, , , n]) => n)
	];
}

function chunk(updates: LoggedUpdate[]): LoggedUpdate[][] {
	const chunks: LoggedUpdate[][] = [];
	let current: LoggedUpdate[] = [];
	let bytes = 0;
	for (const u of updates) {
		if (
			current.length > 0 &&
			(current.length >= ROWS_PER_STATEMENT || bytes + u.update.byteLength > BYTES_PER_STATEMENT)
		) {
			chunks.push(current);
			current = [];
			bytes = 0;
		}
		current.push(u);
		bytes += u.update.byteLength;
	}
	if (current.length > 0) chunks.push(current);
	return chunks;
}

/**
 * Replaces the log up to `lastId` with one snapshot: the stored snapshot and the updates logged
 * after it, folded by `fold` (on a worker thread for a large document: rewriting a full plan takes
 * seconds of CPU that the relay must not wait for). The write is one transaction, so a crash
 * leaves either the old log or the new snapshot, never neither. A snapshot never replaces a newer
 * one: with several processes, one that lost a plan may finish folding after the new owner did,
 * and its older snapshot would stand for log rows the newer compaction deleted. Returns the
 * snapshot's size.
 */
export async function compactDocument(
	db: Db,
	name: string,
	lastId: number,
	fold: Fold
): Promise<number> {
	const { snapshot, since, rows } = await readStored(db, name, lastId);
	if (snapshot && since >= lastId) return snapshot.byteLength;
	const state = await fold(
		snapshot,
		rows.map((row) => row.bytes)
	);
	await db.transaction(async (tx) => {
		await tx.query(
			`insert into yjs_snapshots (doc, state, last_update_id, updated_at) values ($1, $2, $3, now())
			 on conflict (doc) do update
			 set state = excluded.state, last_update_id = excluded.last_update_id, updated_at = now()
			 where yjs_snapshots.last_update_id < excluded.last_update_id`,
			[name, state, lastId]
		);
		await tx.query(`delete from yjs_updates where doc = $1 and id <= $2`, [name, lastId]);
	});
	return state.byteLength;
}
