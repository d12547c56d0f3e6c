import type { WriteSource } from '../sync/server-write.ts';
import type { CellChange } from '../domain/cell-history.ts';
import { parseDocument } from '../domain/documents.ts';
import { arrayColumns } from './db/array-columns.ts';
import { byteaHex } from './db/bytea-hex.ts';
import type { CopyValue } from './db/copy-text.ts';
import type { Db, Queryable } from './db/index.ts';
import { checkFence, FencedOut, type PlanFence } from './cluster/fence.ts';

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
	/**
	 * Names the update in its cell history rows, the same on every try: a batch written again after
	 * a commit whose answer was lost adds none of them twice. Without it, each try adds its rows.
	 */
	writeId?: string;
}

/** One document's updates waiting to be logged, with its plan's fence (several processes). */
export interface DocumentBatch {
	name: string;
	updates: LoggedUpdate[];
	fence?: PlanFence;
}

/** Keeps each statement well under Postgres' 65,535 parameters and a sane message size. */
const ROWS_PER_STATEMENT = 1000;
const BYTES_PER_STATEMENT = 8 * 1024 * 1024;
/**
 * Cell history rows per statement (13 arrays of this length) or per bulk insert of an import's:
 * well within a sane message, and the event loop gets its turn between two.
 */
const EDITS_PER_STATEMENT = 20_000;

/** What one statement can carry of log rows, their bytes and their cell history. */
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
 * Appends one document's updates to the log and returns the highest id written. A batch that fits
 * one statement is that statement, its fence checked in it (hundreds of plans each commit several
 * times a second: a transaction's round trips would cost more than the write). A larger one (an
 * import) is one transaction that checks the fence first and appends its cell history in bulk
 * (`bulkInsert`). FencedOut, with nothing written, when the plan's fence is no longer ours.
 */
export async function appendUpdates(
	db: Db,
	name: string,
	updates: LoggedUpdate[],
	fence?: PlanFence
): Promise<number> {
	if (updates.length === 0) return 0;
	const batch = { name, updates, fence };
	if (new StatementSize().add(batch)) return logged(await appendDocuments(db, [batch]));
	return db.transaction(async (tx) => {
		if (fence) await checkFence(tx, fence);
		let lastId = 0;
		for (const part of chunk(name, updates)) {
			lastId = logged(await appendDocuments(tx, [{ name, updates: part }]));
		}
		const ref = parseDocument(name);
		if (ref?.kind !== 'step') return lastId;
		const edits = await unrecorded(tx, editRows(ref, updates));
		for (let from = 0; from < edits.length; from += EDITS_PER_STATEMENT) {
			const part = edits.slice(from, from + EDITS_PER_STATEMENT);
			await tx.bulkInsert('cell_edits', EDIT_COLUMNS, part);
		}
		return lastId;
	});
}

function logged([outcome]: (number | Error)[]): number {
	if (outcome instanceof Error) throw outcome;
	return outcome;
}

/**
 * Splits updates, without their cell history (it is written apart), into statements' worth
 * (`StatementSize`); an update too large for any statement goes alone.
 */
function chunk(name: string, updates: LoggedUpdate[]): LoggedUpdate[][] {
	const chunks: LoggedUpdate[][] = [];
	let size: StatementSize | null = null;
	for (const { update, userId, source } of updates) {
		const bare = { name, updates: [{ update, userId, source }] };
		if (!size?.add(bare)) {
			size = new StatementSize();
			// One that does not fit even alone leaves no room after it: the next starts afresh.
			if (!size.add(bare)) size = null;
			chunks.push([]);
		}
		chunks[chunks.length - 1].push(...bare.updates);
	}
	return chunks;
}

/**
 * Logs several documents' batches (that fit one statement: `StatementSize`, one batch per
 * document) in one statement, their cell history and every plan's fence check with them: a
 * statement's own overhead in Postgres is many times that of one more row. Returns per batch its
 * highest log id, or FencedOut (nothing of it written) when its plan's fence is no longer its own.
 *
 * Every column is one array parameter, so the statement's text is one of four (with or without
 * fences, with or without cell history) however many rows it carries, and stays prepared: the
 * embedded database spent about 40% of this statement's time parsing and planning it afresh.
 * Updates go as hex text the statement casts: postgres-js types an array of byte strings as a
 * single bytea, which no array cast accepts.
 */
export async function appendDocuments(
	q: Queryable,
	batches: DocumentBatch[]
): Promise<(number | Error)[]> {
	const params: unknown[] = [];
	const fences = batches.flatMap(({ fence }) => (fence ? [[fence.planId, fence.token]] : []));
	const logRows: unknown[][] = [];
	const edits: EditRow[] = [];
	for (const { name, updates, fence } of batches) {
		const guard = fence?.planId ?? null;
		for (const u of updates) {
			logRows.push([name, byteaHex(u.update), u.userId, u.source ?? null, guard]);
		}
		const ref = parseDocument(name);
		if (ref?.kind === 'step') edits.push(...editRows(ref, updates, guard));
	}
	// One process has no fences: the check is left out, and with it about 8% of what the embedded
	// database spends on this statement, which it runs every beat.
	let fenced = 'true';
	const ctes: string[] = [];
	if (fences.length > 0) {
		fenced = `v.guard is null or v.guard in (select plan_id from fence)`;
		ctes.push(`fence as (select f.plan_id from plan_fences f
		   join unnest(${arrayColumns(['text', 'bigint'], fences, params)}) as t(plan_id, token)
		     on f.plan_id = t.plan_id and f.fence = t.token
		   for share of f)`);
	}
	const authors = batches.flatMap(({ updates }) => updates.map((u) => u.userId));
	ctes.push(referenced('authors', 'users', authors, params));
	if (edits.length > 0) {
		ctes.push(referenced('owners', 'plans', edits.map(planOf), params));
		ctes.push(`edits as (${insertEdits(edits, params, fenced)})`);
	}
	const logColumns = arrayColumns(['text', 'text', 'text', 'text', 'text'], logRows, params);
	const rows = await q.query<{ id: string | number; doc: string }>(
		`with ${ctes.join(', ')}
		 insert into yjs_updates (doc, update, user_id, source)
		 select v.doc, v.bytes::bytea, u.id, v.source
		 from unnest(${logColumns}) with ordinality as v(doc, bytes, user_id, source, guard, ord)
		 left join authors u on u.id = v.user_id
		 where ${fenced}
		 order by v.ord
		 returning id, doc`,
		params,
		{ prepare: true }
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

/** A `cell_edits` row, in the columns `insertEdits` takes; `guard` is the plan whose fence rules. */
type EditRow = readonly [
	planId: string,
	step: number,
	ownerId: string,
	measure: string,
	period: string,
	old: number | null,
	new: number | null,
	userId: string | null,
	kind: string,
	editCells: number,
	writeId: string | null,
	writeOrd: number,
	guard: string | null
];
/** The columns of `cell_edits` an `EditRow` holds, in its order, with their types. */
const EDIT_COLUMNS: readonly (readonly [name: string, type: string])[] = [
	['plan_id', 'text'],
	['step', 'int'],
	['owner_id', 'text'],
	['measure', 'text'],
	['period', 'text'],
	['old_value', 'float8'],
	['new_value', 'float8'],
	['user_id', 'text'],
	['kind', 'text'],
	['edit_cells', 'int'],
	['write_id', 'text'],
	['write_ord', 'int']
];
/** An `EditRow`'s columns as `insertEdits` takes them: the stored ones, then the guard. */
const EDIT_ROW_TYPES = [...EDIT_COLUMNS.map(([, type]) => type), 'text'];

/** Where an `EditRow` holds its author, and the write it belongs to. */
const USER = 7;
const WRITE = 10;
const planOf = (row: EditRow) => row[0];
const userOf = (row: EditRow) => row[USER];
const writeOf = (row: EditRow) => row[WRITE];

/** The cell history rows of a step document's updates: each change, its author, kind and size. */
function editRows(
	at: { planId: string; step: number },
	updates: LoggedUpdate[],
	guard: string | null = null
): EditRow[] {
	return updates.flatMap((u) =>
		(u.cells ?? []).map((c, i): EditRow => [
			at.planId,
			at.step,
			c.ownerId,
			c.measure,
			c.period,
			c.old,
			c.new,
			u.userId,
			u.kind ?? 'edit',
			u.cells!.length,
			u.writeId ?? null,
			i,
			guard
		])
	);
}

/**
 * Inserts cell history rows, one array parameter per column, where `condition` holds for the row
 * `v`; its statement has `referenced` rows named `authors` and `owners`. A plan deleted meanwhile
 * gets none; a user deleted meanwhile is recorded as null, as in the log; a row of a write already
 * recorded (`writeId`) is not recorded again.
 */
function insertEdits(rows: readonly EditRow[], params: unknown[], condition: string): string {
	return `insert into cell_edits (${EDIT_COLUMNS.map(([name]) => name).join(', ')})
	 select v.plan_id, v.step, v.owner_id, v.measure, v.period, v.old_value, v.new_value, u.id,
	        v.kind, v.n, v.write_id, v.write_ord
	 from unnest(${arrayColumns(EDIT_ROW_TYPES, rows, params)}) with ordinality
	      as v(plan_id, step, owner_id, measure, period, old_value, new_value, user_id, kind, n,
	           write_id, write_ord, guard, ord)
	 left join authors u on u.id = v.user_id
	 where v.plan_id in (select id from owners) and (${condition})
	 order by v.ord
	 on conflict (write_id, write_ord) where write_id is not null do nothing`;
}

/**
 * A CTE named `name` of the rows of `table` whose ids are among `ids`, locked as a foreign key's
 * check locks them (FOR KEY SHARE): until the statement's transaction ends, none can be deleted
 * or have its id changed. The logs' tables have no foreign keys (migration 017): a key checks and
 * locks its row once per inserted row, in a query of its own, where this locks each once.
 */
function referenced(
	name: string,
	table: 'users' | 'plans',
	ids: readonly (string | null)[],
	params: unknown[]
): string {
	return `${name} as materialized (${lockedIds(table, params.push(distinct(ids)))})`;
}

/** The rows of `table` whose ids are in parameter `param`, locked as `referenced` says. */
const lockedIds = (table: 'users' | 'plans', param: number) =>
	`select id from ${table} where id = any($${param}::text[]) for key share`;

const distinct = (ids: readonly (string | null)[]) => [...new Set(ids.filter((id) => id !== null))];

/**
 * An import's cell history rows as `bulkInsert`, which has no conditions, must get them: without
 * those of a write already recorded (its transaction written again after the commit's answer was
 * lost; all of a write's rows go in one transaction, so one recorded means all are), without those
 * of a plan deleted meanwhile, and with a user deleted meanwhile as null, as `insertEdits` writes
 * them. The users and plans it finds stay locked as `referenced` locks them.
 */
async function unrecorded(tx: Queryable, rows: readonly EditRow[]): Promise<CopyValue[][]> {
	const found = async (sql: string, ids: readonly (string | null)[]) => {
		const answer = await tx.query<{ id: string }>(sql, [distinct(ids)]);
		return new Set(answer.map((row) => row.id));
	};
	const users = await found(lockedIds('users', 1), rows.map(userOf));
	const plans = await found(lockedIds('plans', 1), rows.map(planOf));
	const recorded = await found(
		`select w as id from unnest($1::text[]) as w
		 where exists (select 1 from cell_edits where write_id = w)`,
		rows.map(writeOf)
	);
	return rows
		.filter((row) => plans.has(planOf(row)) && !recorded.has(writeOf(row) ?? ''))
		.map((row) => {
			const stored: CopyValue[] = row.slice(0, EDIT_COLUMNS.length);
			if (!users.has(userOf(row) ?? '')) stored[USER] = null;
			return stored;
		});
}
