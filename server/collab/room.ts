import * as Y from 'yjs';
import {
	applyAwarenessUpdate,
	Awareness,
	encodeAwarenessUpdate,
	removeAwarenessStates
} from 'y-protocols/awareness';
import type { Db } from '../../src/lib/server/db/index.ts';
import type { DocumentRef } from '../../src/lib/domain/documents.ts';
import type { PlanCells } from '../../src/lib/domain/cell-rules.ts';
import {
	carriesChanges,
	CLOSE_INTERNAL,
	CLOSE_MOVED,
	MESSAGE_EDIT_KIND
} from '../../src/lib/sync/protocol.ts';
import { FencedOut, type PlanFence } from '../../src/lib/server/cluster/fence.ts';
import {
	applyStepWrite,
	type StepWrite,
	type WriteActor
} from '../../src/lib/sync/server-write.ts';
import { AwarenessClaims } from './awareness.ts';
import { CellRecorder } from './cell-recorder.ts';
import type { CycleGate } from './cycle-gate.ts';
import { Connection } from './connection.ts';
import { Frame } from './frame.ts';
import type { CollabLimits } from './limits.ts';
import type { CollabLogger } from './log.ts';
import type { LogCommits } from './log-commits.ts';
import { handleMessage } from './messages.ts';
import { atTurnEnd } from './turn.ts';
import {
	applyStored,
	compactDocument,
	readDocument,
	storedWhole,
	type Fold,
	type StoredDocument
} from '../../src/lib/server/yjs-store.ts';
import type { LoggedUpdate } from '../../src/lib/server/yjs-log.ts';
import { randomId } from '../../src/lib/server/ids.ts';
import {
	asksForEverything,
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeSyncStep2Update,
	encodeUpdate,
	ProtocolError
} from './protocol.ts';

export interface RoomOptions {
	db: () => Promise<Db>;
	/** Where the edits go to Postgres: on the process's shared beat, with other rooms' batches. */
	commits: LogCommits;
	compactEvery: number;
	compactRatio: number;
	/** How long a room whose log is due for compaction waits for a pause in its edits. */
	compactQuietMs: number;
	/** Folds a snapshot and its log into a new snapshot (off the event loop for large documents). */
	fold: Fold;
	idleUnloadMs: number;
	limits: CollabLimits;
	/** The plan's items, families and months, which every cell key must name. */
	planCells(planId: string): Promise<PlanCells>;
	log: CollabLogger;
	cycle: Pick<CycleGate, 'prepare' | 'isLocked' | 'edited'>;
	/** Called when the room has had no connection for idleUnloadMs. */
	onIdle(room: Room): void;
	/** Called once the document is loaded, before anyone is served (a scenario's bookkeeping). */
	onLoaded?(room: Room): void;
	/**
	 * Several processes: the plan's fence every commit of the log must carry (throws FencedOut when
	 * this process no longer owns the plan). Absent in one process: no fence, no extra statement.
	 */
	fence?(planId: string): PlanFence;
	/** A commit was fenced out: another process owns the plan now. */
	onFenced?(room: Room): void;
}

export type RoomState = 'loading' | 'ready' | 'failed' | 'closing' | 'closed';

const RETRY_FLUSH_MS = 1000;

/** The origin of a server-side write's transaction: relayed to everyone, logged with its actor. */
class ServerWrite {
	constructor(readonly actor: WriteActor) {}
}
/** Snapshots below this size are rewritten whenever compaction is due. */
const RATIO_FROM_BYTES = 256 * 1024;
/** A document due for compaction waits this long for a pause in its edits (ms). */
export const COMPACT_QUIET_MS = 2000;
/**
 * A log this many times what makes compaction due is compacted at once, pause or not: under
 * unbroken typing the log would otherwise grow without bound, and with it the next load.
 */
const OVERDUE_FACTOR = 4;

/**
 * How long a room that can answer from its stored snapshot waits for its clients' first message
 * before building the document: only a client that sends nothing as it connects waits for it.
 */
const FIRST_WORDS_MS = 50;

/** Names this process's writes; with a count after it, unique across processes and restarts. */
const WRITE_PREFIX = randomId(10);
let writes = 0;
/**
 * An update that changed cells gets a name for its history rows, kept on every try to log it. A
 * count rather than a random draw per edit: the name needs to be unique, not secret.
 */
const writeId = (cells: readonly unknown[] | undefined) =>
	cells?.length ? `${WRITE_PREFIX}.${(writes++).toString(36)}` : undefined;

/**
 * One shared document in memory: its connections, relay between them, presence, and the batches
 * that carry their edits to Postgres.
 */
export class Room {
	readonly doc = new Y.Doc();
	readonly awareness = new Awareness(this.doc);
	readonly claims = new AwarenessClaims<Connection>();
	readonly connections = new Set<Connection>();
	state: RoomState = 'loading';
	/** The cells a step document may hold; read before the room serves anyone. */
	plan: PlanCells = { items: new Set(), families: new Set(), periods: [] };
	/** Counts the document's changes since it loaded: what is derived from it knows when it is stale. */
	revision = 0;
	private pending: LoggedUpdate[] = [];
	/** A batch is on its way to the log. */
	private logging = false;
	private lastId = 0;
	private sinceCompaction = 0;
	private logBytes = 0;
	private snapshotBytes = 0;
	/** Asked to flush on the next beat. */
	private flushDue = false;
	/** Waiting to try again after a failed flush. */
	private retryTimer: NodeJS.Timeout | undefined;
	private idleTimer: NodeJS.Timeout | undefined;
	/** Compaction waiting for a pause in the edits. */
	private quietTimer: NodeJS.Timeout | undefined;
	private chain: Promise<unknown> = Promise.resolve();
	/** The compaction running or queued, if any. */
	private compacting: Promise<void> | null = null;
	/** The answer to an empty client, framed once for all of them. */
	private fullSync: Frame | null = null;
	/** This turn's changes, relayed together at its end; null when none is waiting. */
	private relaying: { update: Uint8Array; origin: unknown }[] | null = null;
	/** Whose update, being applied, went to the others already: its update event relays nothing. */
	private sentAhead: Connection | null = null;
	private loading: Promise<boolean> | null = null;
	private closing: Promise<unknown> | null = null;
	/** Edits waiting while the plan's cycle changes; null when they go straight through. */
	private held: [Connection, Uint8Array][] | null = null;
	/**
	 * Who wrote under each Yjs client ID since the room loaded: the first user to write under an ID
	 * owns it, across their reconnects. Another user writing under it would take its clocks, and the
	 * owner's later edits (say, made offline) would be taken for ones the document already has.
	 */
	private readonly authors = new Map<number, string>();
	/** On a step document: the cells each transaction changed, for the cell history. */
	private recorder: CellRecorder | null = null;

	constructor(
		readonly name: string,
		readonly ref: DocumentRef,
		private readonly options: RoomOptions
	) {
		// The server is nobody's presence; its own state would otherwise show up as a ghost.
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.onAwarenessUpdate);
	}

	get limits(): CollabLimits {
		return this.options.limits;
	}

	get pendingCount(): number {
		return this.pending.length;
	}

	/**
	 * The last log row when the document holds exactly what the log holds up to it; null while
	 * edits are on their way there.
	 */
	get savedThrough(): number | null {
		return this.pending.length === 0 && !this.logging ? this.lastId : null;
	}

	/** A locked step refuses every write, from any client. */
	get locked(): boolean {
		return this.options.cycle.isLocked(this.ref);
	}

	/** Holds incoming edits (other messages still flow) until `release`. */
	hold(): void {
		this.held ??= [];
	}

	/** Handles the held edits, in order, under whatever the cycle now says. */
	release(): void {
		const held = this.held ?? [];
		this.held = null;
		for (const [conn, data] of held) if (conn.open) this.receive(conn, data);
	}

	private receive(conn: Connection, data: Uint8Array): void {
		// An edit's kind waits with it, so that it describes that edit and no other.
		if (this.held && (carriesChanges(data) || data[0] === MESSAGE_EDIT_KIND)) {
			this.held.push([conn, data]);
		} else handleMessage(this, conn, data, this.options.log);
	}

	/** Resolves once an unload in progress has finished (or failed and left the room usable). */
	settled(): Promise<void> {
		return (this.closing ?? Promise.resolve()).then(() => {});
	}

	/** Loads the persisted state, then lets the waiting connections in. False if it failed. */
	load(): Promise<boolean> {
		this.loading ??= this.loadOnce();
		return this.loading;
	}

	private async loadOnce(): Promise<boolean> {
		try {
			const { planId } = this.ref;
			const db = await this.options.db();
			// The document is read beside the plan's flags and cells, and the clients that asked for
			// all of it have their answer as soon as it is read (see answerFromStore).
			const [, plan, { stored, answered }] = await Promise.all([
				this.options.cycle.prepare(planId),
				this.ref.kind === 'step' || this.ref.kind === 'scenario'
					? this.options.planCells(planId)
					: undefined,
				readDocument(db, this.name).then(async (stored) => {
					if (storedWhole(stored)) await this.firstWords();
					return { stored, answered: this.answerFromStore(stored) };
				})
			]);
			if (plan) this.plan = plan;
			// Writes leave at the end of the turn that sent them: the answers go before the build.
			if (answered) await new Promise((resolve) => setImmediate(resolve));
			// Dropped while loading: the plan moved to another process.
			if (this.state === 'closed') return false;
			const result = applyStored(this.doc, stored);
			this.lastId = result.lastId;
			this.sinceCompaction = result.logged;
			this.logBytes = result.loggedBytes;
			this.snapshotBytes = result.snapshotBytes;
			// A compacted document's snapshot is the answer to an empty client, without encoding it
			// again; like any full answer it is dropped at the next change.
			if (result.state) {
				this.fullSync = answered ?? new Frame(encodeSyncStep2Update(result.state));
			}
			if (result.skipped > 0) {
				this.options.log.error(`${this.name}: skipped ${result.skipped} unreadable log rows`);
			}
		} catch (error) {
			this.options.log.error(`${this.name}: could not load`, error);
			this.state = 'failed';
			for (const conn of this.connections) conn.close(CLOSE_INTERNAL, 'document unavailable');
			this.connections.clear();
			this.destroy();
			return false;
		}
		// Attached only now so the load itself is neither relayed nor logged again.
		if (this.ref.kind === 'step') this.recorder = new CellRecorder(this.doc, this.plan.periods);
		this.doc.on('update', this.onDocUpdate);
		this.options.onLoaded?.(this);
		this.state = 'ready';
		for (const conn of this.connections) this.start(conn);
		if (this.connections.size === 0) this.scheduleIdle();
		return true;
	}

	/**
	 * Waits (at most FIRST_WORDS_MS) until every client has sent something: a browser sends its
	 * sync step 1 as its socket opens, and the document can be read before that step 1 arrives.
	 */
	private async firstWords(): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, FIRST_WORDS_MS)));
		await Promise.race([Promise.all([...this.connections].map((c) => c.spoken)), deadline]);
		clearTimeout(timer);
	}

	/**
	 * Answers each waiting client that asked for the whole document (a sync step 1 from an empty
	 * one: a browser opening the plan) with the stored snapshot, when that is all there is: building
	 * the document from it takes a large plan 50-120 ms more, which these clients then do not wait
	 * for. Returns the answer.
	 */
	private answerFromStore(stored: StoredDocument): Frame | null {
		const whole = storedWhole(stored);
		if (!whole || this.state !== 'loading') return null;
		const answer = new Frame(encodeSyncStep2Update(whole));
		for (const conn of this.connections) {
			if (conn.takeQueued(asksForEverything)) conn.send(answer);
		}
		return answer;
	}

	add(conn: Connection): void {
		if (this.state !== 'loading' && this.state !== 'ready') {
			throw new Error(`room ${this.name} is ${this.state}`);
		}
		this.connections.add(conn);
		clearTimeout(this.idleTimer);
		this.idleTimer = undefined;
		if (this.state === 'ready') this.start(conn);
	}

	private start(conn: Connection): void {
		// A read-only client's answer to our step 1 would be dropped anyway. A locked step still asks:
		// a client holding edits made offline must hear that they were refused, not think them saved.
		if (!conn.readOnly) conn.send(encodeSyncStep1(this.doc));
		const present = [...this.awareness.getStates().keys()];
		if (present.length > 0) {
			conn.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, present)));
		}
		conn.start((data) => this.receive(conn, data));
	}

	remove(conn: Connection): void {
		if (!this.connections.delete(conn)) return;
		const ids = this.claims.release(conn);
		if (ids.length > 0) removeAwarenessStates(this.awareness, ids, conn);
		if (this.connections.size === 0 && this.state === 'ready') this.scheduleIdle();
	}

	setReadOnly(conn: Connection, readOnly: boolean): void {
		if (conn.readOnly === readOnly) return;
		conn.readOnly = readOnly;
		// Ask for what the client holds that we lack: edits it made while we were dropping them.
		if (!readOnly && this.state === 'ready') conn.send(encodeSyncStep1(this.doc));
	}

	/** Refuses an update that adds content under a client ID another user wrote under. */
	assertAuthorship(conn: Connection, clients: Iterable<number>): void {
		for (const client of clients) {
			const author = this.authors.get(client);
			if (author !== undefined && author !== conn.identity.user.id) {
				throw new ProtocolError(`refused: client ID ${client} belongs to another person`);
			}
		}
	}

	/**
	 * Applies a checked update from a writable connection, which then owns the client IDs it wrote
	 * under. Logging follows from the update event, and so does the relay unless the update went
	 * `ahead`: all new to the document and the first change of this turn, it goes to the others as
	 * sent before the document applies it (and runs its observers and history), and the turn's
	 * later changes follow it at the turn's end.
	 */
	applyClientUpdate(
		conn: Connection,
		update: Uint8Array,
		clients: Iterable<number>,
		ahead = false
	): void {
		if (ahead && !this.relaying) this.sendAhead(conn, update);
		try {
			Y.applyUpdate(this.doc, update, conn);
		} catch {
			// readIncomingUpdate refuses what the document cannot integrate: this would be a fault.
			if (this.sentAhead) this.options.log.error(`${this.name}: could not apply what it relayed`);
			throw new ProtocolError('update could not be applied');
		} finally {
			this.sentAhead = null;
		}
		for (const client of clients) this.authors.set(client, conn.identity.user.id);
		const { store } = this.doc;
		if (store.pendingStructs || store.pendingDs) {
			// readIncomingUpdate refuses such updates; were one to slip through, its rest must not
			// wait unchecked, nor the sender hear that it was saved.
			store.pendingStructs = null;
			store.pendingDs = null;
			this.options.log.error(`${this.name}: an update from ${conn.label} was not fully applied`);
			throw new ProtocolError('update could not be applied in full');
		}
		conn.received++;
		this.scheduleFlush();
	}

	/**
	 * Applies a server-side write as one transaction; like an edit it is relayed at once and logged
	 * with the next batch (await `flush` for the commit). The caller has passed the cycle gate.
	 */
	applyServerWrite(write: StepWrite, actor: WriteActor): void {
		this.applyServerChange(() => applyStepWrite(this.doc, write, null), actor);
	}

	/** Runs `change` as one server transaction: relayed, and logged with its actor like a write. */
	applyServerChange<T>(change: () => T, actor: WriteActor): T {
		if (this.state !== 'ready') throw new Error(`room ${this.name} is ${this.state}`);
		const result = this.doc.transact(change, new ServerWrite(actor));
		this.scheduleFlush();
		if (this.connections.size === 0) this.scheduleIdle();
		return result;
	}

	/** Whether a transaction was a server write (and not a person's edit). */
	static isServerWrite(origin: unknown): boolean {
		return origin instanceof ServerWrite;
	}

	/**
	 * Counts a message that changed nothing (a client's sync answer to a locked step) as saved: the
	 * client counts every message it sends and shows "Saving…" until each one is acknowledged.
	 */
	acknowledgeUnchanged(conn: Connection): void {
		conn.received++;
		this.scheduleFlush();
	}

	applyAwareness(conn: Connection, update: Uint8Array): void {
		applyAwarenessUpdate(this.awareness, update, conn);
	}

	/** The answer to a client's sync step 1. */
	syncStep2(stateVector: Uint8Array): Uint8Array | Frame {
		// Browsers open a plan with an empty document, many at once when a meeting starts, and
		// encoding a full plan takes about a third of a second: encode that answer once per change.
		if (Y.decodeStateVector(stateVector).size > 0) return encodeSyncStep2(this.doc, stateVector);
		this.fullSync ??= new Frame(encodeSyncStep2(this.doc));
		return this.fullSync;
	}

	/** Sends a client's update to the other clients before it is applied; see applyClientUpdate. */
	private sendAhead(conn: Connection, update: Uint8Array): void {
		// Opened, so that the turn's later changes wait for its end and follow this one.
		this.turnBatch();
		const frame = new Frame(encodeUpdate(update));
		for (const other of this.connections) if (other !== conn) other.send(frame, 'now');
		this.sentAhead = conn;
	}

	private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		this.fullSync = null;
		this.revision++;
		if (origin !== this.sentAhead) this.turnBatch().push({ update, origin });
		const cells = this.recorder?.take();
		if (origin instanceof Connection) {
			const kind = origin.nextKind ?? 'edit';
			origin.nextKind = null;
			this.pending.push({
				update,
				userId: origin.identity.user.id,
				cells,
				kind,
				writeId: writeId(cells)
			});
			this.options.cycle.edited(this.ref, origin.identity.user.id);
		} else if (origin instanceof ServerWrite) {
			const { userId, source } = origin.actor;
			// The demo seed and the values carried into a new cycle are where a plan starts, not
			// changes anyone made (and a full plan's carry would be a million history rows).
			const recorded = source === 'seed' || source === 'next-cycle' ? undefined : cells;
			this.pending.push({
				update,
				userId,
				source,
				cells: recorded,
				kind: source,
				writeId: writeId(recorded)
			});
			// Changed numbers withdraw sign-offs whoever changed them.
			if (userId) this.options.cycle.edited(this.ref, userId);
		}
	};

	/** The changes this turn relays at its end; the first call of a turn schedules the relay. */
	private turnBatch(): { update: Uint8Array; origin: unknown }[] {
		if (!this.relaying) {
			this.relaying = [];
			atTurnEnd(this.relay);
		}
		return this.relaying;
	}

	/**
	 * Sends the turn's changes: one merged message to each client that wrote none of them, and to
	 * each that did, the others' changes. Nobody hears their own edit back.
	 */
	private relay = (): void => {
		const batch = this.relaying ?? [];
		this.relaying = null;
		if (batch.length === 0 || this.state === 'closed') return;
		const updates = batch.map(({ update }) => update);
		const merged = new Frame(
			encodeUpdate(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates))
		);
		const authors = new Set(batch.map(({ origin }) => origin));
		// Each writer hears the others' edits one by one; each edit is encoded once for all of them.
		const single: (Frame | undefined)[] = [];
		for (const conn of this.connections) {
			if (!authors.has(conn)) conn.send(merged);
			else
				batch.forEach(({ update, origin }, i) => {
					if (origin !== conn) conn.send((single[i] ??= new Frame(encodeUpdate(update))));
				});
		}
	};

	private onAwarenessUpdate = (changes: {
		added: number[];
		updated: number[];
		removed: number[];
	}): void => {
		const changed = [...changes.added, ...changes.updated, ...changes.removed];
		const message = new Frame(encodeAwareness(encodeAwarenessUpdate(this.awareness, changed)));
		// The sender too: y-websocket reconnects after 30 s without an incoming message and counts
		// on its own 15 s renewals coming back.
		for (const conn of this.connections) conn.send(message);
	};

	private scheduleFlush(): void {
		if (this.flushDue || this.retryTimer || this.state === 'closed') return;
		this.flushDue = true;
		this.options.commits.onNextBeat(this.flushOnBeat);
	}

	private flushOnBeat = (): void => {
		this.flushDue = false;
		this.flush().catch(() => this.retryFlush());
	};

	private retryFlush(): void {
		if (this.retryTimer || this.state === 'closed') return;
		this.retryTimer = setTimeout(() => {
			this.retryTimer = undefined;
			this.flush().catch(() => this.retryFlush());
		}, RETRY_FLUSH_MS);
	}

	/** Logs every pending update in one batch, then acknowledges what it covered. */
	flush(): Promise<void> {
		return this.serial(() => this.writeBatch());
	}

	/**
	 * Folds the log into the snapshot when that is worth it. Runs beside the flushes (it touches
	 * only rows already logged) but never beside another compaction: an older snapshot committed
	 * after a newer one would stand for log rows the newer one deleted.
	 */
	compact(): Promise<void> {
		const run = (this.compacting ?? Promise.resolve()).then(() => this.compactNow());
		const settled = run.catch(() => {});
		this.compacting = settled;
		void settled.then(() => {
			if (this.compacting === settled) this.compacting = null;
		});
		return run;
	}

	private async writeBatch(): Promise<void> {
		const batch = this.pending;
		this.pending = [];
		// Taken together with the batch: a message counted here has its update in this batch or an
		// earlier one, or changed nothing.
		const acks: [Connection, number][] = [];
		for (const conn of this.connections) {
			if (conn.received > conn.acked) acks.push([conn, conn.received]);
		}
		if (batch.length > 0) {
			try {
				const fence = this.options.fence?.(this.ref.planId);
				this.logging = true;
				const lastId = await this.options.commits.append(this.name, batch, fence);
				this.lastId = Math.max(this.lastId, lastId);
				this.logging = false;
				this.sinceCompaction += batch.length;
				for (const { update } of batch) this.logBytes += update.byteLength;
			} catch (error) {
				this.logging = false;
				if (error instanceof FencedOut) {
					// Another process owns the plan and loaded it from Postgres: these edits are not
					// acknowledged, and their senders give them to the new owner when they reconnect.
					this.options.log.warn(`${this.name}: fenced out, dropping ${batch.length} updates`);
					this.options.onFenced?.(this);
					throw error;
				}
				this.pending = batch.concat(this.pending);
				this.options.log.error(`${this.name}: could not log ${batch.length} updates`, error);
				throw error;
			}
		}
		for (const [conn, count] of acks) conn.acknowledge(count);
		// A beat that only acknowledged messages which changed nothing ends no pause.
		if (batch.length > 0) this.compactInAPause();
	}

	/**
	 * Compaction rewrites the whole snapshot, on the fold's thread and the database's, which share
	 * the machine's cores with the relay: while people type, it waits for a pause (every batch
	 * logged puts it off again), unless the log has grown OVERDUE_FACTOR times past due.
	 */
	private compactInAPause(): void {
		if (this.compacting || !this.compactionDue(1)) return;
		clearTimeout(this.quietTimer);
		const wait = this.compactionDue(OVERDUE_FACTOR) ? 0 : this.options.compactQuietMs;
		this.quietTimer = setTimeout(() => {
			this.quietTimer = undefined;
			if (this.state === 'ready') void this.compact().catch(() => {});
		}, wait);
	}

	/** Whether the log has `factor` times the updates and bytes that make compaction due. */
	private compactionDue(factor: number): boolean {
		return (
			this.sinceCompaction >= this.options.compactEvery * factor && this.worthCompacting(factor)
		);
	}

	/**
	 * Compaction rewrites the whole document (about 15 MB for a full plan, seconds of work on PGlite),
	 * so a few edits to a large document wait until the log is worth folding in. Small documents are
	 * cheap to rewrite and always compact. `factor` scales the share of the snapshot.
	 */
	private worthCompacting(factor = 1): boolean {
		if (this.sinceCompaction === 0) return false;
		if (this.snapshotBytes < RATIO_FROM_BYTES) return true;
		return this.logBytes >= this.snapshotBytes * this.options.compactRatio * factor;
	}

	private async compactNow(): Promise<void> {
		if (!this.worthCompacting()) return;
		// Batches logged while this runs stay in the log and count toward the next compaction.
		const { lastId, sinceCompaction, logBytes } = this;
		try {
			const db = await this.options.db();
			this.snapshotBytes = await compactDocument(db, this.name, lastId, this.options.fold);
			this.sinceCompaction -= sinceCompaction;
			this.logBytes -= logBytes;
		} catch (error) {
			// The log still holds everything; compaction is only an optimisation.
			this.options.log.error(`${this.name}: could not compact`, error);
			throw error;
		}
	}

	private serial<T>(fn: () => Promise<T>): Promise<T> {
		const run = this.chain.then(fn);
		this.chain = run.catch(() => {});
		return run;
	}

	private scheduleIdle(): void {
		clearTimeout(this.idleTimer);
		this.idleTimer = setTimeout(() => {
			this.idleTimer = undefined;
			if (this.connections.size === 0 && this.state === 'ready') this.options.onIdle(this);
		}, this.options.idleUnloadMs);
	}

	/**
	 * Flushes, compacts and frees an idle room. False (and the room stays usable) when the flush
	 * failed: dropping unlogged edits is never an option while the process lives.
	 */
	unload(): Promise<boolean> {
		if (this.state !== 'ready' || this.connections.size > 0) return Promise.resolve(false);
		this.state = 'closing';
		const run = (async () => {
			try {
				await this.flush();
			} catch {
				// Unless it was dropped meanwhile (fenced out), it keeps serving.
				if (this.state !== 'closing') return false;
				this.state = 'ready';
				this.scheduleIdle();
				return false;
			}
			await this.compact().catch(() => {});
			this.destroy();
			return true;
		})();
		this.closing = run;
		return run;
	}

	/** Final flush and compaction when the server stops; the connections are already closed. */
	async shutdown(): Promise<void> {
		await this.loading;
		await this.closing;
		if (this.state !== 'ready') return;
		this.state = 'closing';
		try {
			await this.flush();
		} catch {
			try {
				await this.flush();
			} catch {
				this.options.log.error(`${this.name}: ${this.pending.length} updates lost at shutdown`);
			}
		}
		await this.compact().catch(() => {});
		this.destroy();
	}

	/**
	 * Drops the room without writing anything: another process owns the plan now. Its sockets are
	 * told to reconnect (to the owner), and resend there whatever was not acknowledged here.
	 */
	discard(reason: string): void {
		if (this.state === 'closed') return;
		for (const conn of this.connections) conn.close(CLOSE_MOVED, reason);
		this.connections.clear();
		this.pending = [];
		this.destroy();
	}

	private destroy(): void {
		clearTimeout(this.retryTimer);
		clearTimeout(this.idleTimer);
		clearTimeout(this.quietTimer);
		this.retryTimer = this.idleTimer = this.quietTimer = undefined;
		this.options.commits.cancel(this.flushOnBeat);
		this.flushDue = false;
		this.doc.off('update', this.onDocUpdate);
		this.recorder?.destroy();
		this.fullSync = null;
		this.awareness.off('update', this.onAwarenessUpdate);
		// Also destroys the awareness and its renewal timer.
		this.doc.destroy();
		this.state = 'closed';
	}
}
