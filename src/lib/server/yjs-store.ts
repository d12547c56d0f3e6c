import * as Y from 'yjs';
import type { Db, Queryable } from './db/index.ts';

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

/** What Postgres holds of a document: its snapshot (if compacted) and the log rows after it. */
export type StoredDocument = Awaited<ReturnType<typeof readDocument>>;

/** Applies the document's snapshot and every later logged update to `doc`. */
export async function loadDocument(db: Queryable, name: string, doc: Y.Doc): Promise<LoadResult> {
	return applyStored(doc, await readDocument(db, name));
}

/**
 * The whole state of a document stored as a snapshot alone (no log rows after it), or null: what
 * an empty client needs, known before the document is built.
 */
export function storedWhole({ snapshot, rows }: StoredDocument): Uint8Array | null {
	return snapshot && rows.length === 0 ? snapshot : null;
}

/** Applies a stored document to `doc` (empty, for `state` to be set). */
export function applyStored(doc: Y.Doc, { snapshot, since, rows }: StoredDocument): LoadResult {
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
export async function readDocument(db: Queryable, name: string, upTo = Number.MAX_SAFE_INTEGER) {
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
	const { snapshot, since, rows } = await readDocument(db, name, lastId);
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
