import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { getDb, type Db } from '../../src/lib/server/db/index.ts';
import {
	CLOSE_FORBIDDEN,
	CLOSE_GOING_AWAY,
	CLOSE_INTERNAL,
	CLOSE_MOVED,
	NOTICES_MAP,
	type PlanTopic
} from '../../src/lib/sync/protocol.ts';
import { metaDocument, stepDocument, STEPS_WITH_CELLS } from '../../src/lib/domain/documents.ts';
import type { FirstScreen } from '../../src/lib/domain/first-screen.ts';
import type { PlanShape } from '../../src/lib/domain/plan-figures.ts';
import { STEP_NUMBERS } from '../../src/lib/domain/roles.ts';
import { isDatabaseUnavailable } from '../../src/lib/server/db/unavailable.ts';
import { lockedStepRefusal } from '../../src/lib/server/plan-writes.ts';
import { Refusal } from '../../src/lib/server/refusal.ts';
import { applyHierarchyChange } from '../../src/lib/server/plan-hierarchy.ts';
import { keepFirstScreen as keepScreen } from '../../src/lib/server/kept-first-screens.ts';
import { getPlanShape } from '../../src/lib/server/plans.ts';
import {
	isEmptyHierarchyChange,
	isEmptyWrite,
	stepOfWrite,
	type PlanWrite,
	type StepWrite,
	type WriteActor
} from '../../src/lib/sync/server-write.ts';
import type { CollabHooks } from '../../src/lib/server/collab-bridge.ts';
import { CycleGate } from './cycle-gate.ts';
import { authorize, type Authorization } from './authorize.ts';
import { TokenBucket } from '../../src/lib/server/token-bucket.ts';
import { Connection } from './connection.ts';
import { DEFAULT_LIMITS, type CollabLimits } from './limits.ts';
import { Folder } from './fold.ts';
import { FirstScreens } from './first-screens.ts';
import { PlanCellsCache } from './plan-cells.ts';
import { watchLiveness } from './liveness.ts';
import { consoleLogger, type CollabLogger } from './log.ts';
import { COMPACT_QUIET_MS, type Room } from './room.ts';
import { BEAT_MS, LogCommits } from './log-commits.ts';
import { Rooms } from './rooms.ts';
import { ScenarioService } from './scenarios.ts';
import { collabPath, decideUpgrade, rejectUpgrade, type UpgradeDecision } from './upgrade.ts';
import { ClusterNode, type ClusterOptions } from '../../src/lib/server/cluster/node.ts';

export type { CollabLogger } from './log.ts';

export interface CollabOptions {
	/** The database; defaults to the process database. */
	db?: () => Promise<Db>;
	/**
	 * How often edits go to Postgres (every room's in one statement, on one beat), so how long at
	 * most an edit waits before it is logged and its sender hears it is saved.
	 */
	flushIntervalMs?: number;
	/** Larger messages close the connection with 1009. */
	maxMessageBytes?: number;
	/** A document with no connection for this long is flushed, compacted and dropped from memory. */
	idleUnloadMs?: number;
	/** Logged updates after which a document's log is folded into its snapshot. */
	compactEvery?: number;
	/**
	 * For snapshots over 256 KiB, compaction also waits until the log since the last one is at least
	 * this share of the snapshot's size, so a large document is not rewritten for a few edits.
	 * 0: the count alone decides.
	 */
	compactRatio?: number;
	/**
	 * A document due for compaction waits for this long a pause in its edits (ms), unless its log
	 * has grown four times past due.
	 */
	compactQuietMs?: number;
	/** Origins besides the Host header's own that may open connections (e.g. behind a proxy). */
	allowedOrigins?: string[];
	/** Sockets that do not answer a ping within this interval are dropped. */
	pingIntervalMs?: number;
	/**
	 * A connection sent nothing for this long gets an empty awareness message; y-websocket clients
	 * reconnect after 30 s without one, and step documents carry no presence renewals.
	 */
	keepAliveMs?: number;
	/** What one person may use; see limits.ts. */
	limits?: Partial<CollabLimits>;
	logger?: CollabLogger;
	/**
	 * One of several processes (REDIS_URL): each plan is served by the process holding its lease,
	 * and access changes and notices reach every process. Absent: this process serves every plan.
	 */
	cluster?: ClusterOptions;
}

export interface CollabStats {
	docs: number;
	connections: number;
	pendingUpdates: number;
}

/** The collaboration server: the hooks SvelteKit code reaches it through, and its own life. */
export interface CollabServer extends CollabHooks {
	/** Serves /collab/* upgrades of this HTTP server and leaves every other upgrade alone. */
	attach(server: EventEmitter): void;
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
	/** Stops accepting, saves every pending edit, compacts, and closes the sockets (1001). */
	close(): Promise<void>;
	stats(): CollabStats;
	/** This process's place in the cluster; null when it runs alone. */
	readonly cluster: ClusterNode | null;
}

/** Why a plan's sockets are told to reconnect elsewhere. */
const MOVED = 'plan moved to another server';

/** Waiting for close handshakes at shutdown; past this the sockets are cut. */
const CLOSE_HANDSHAKE_MS = 2000;

export function createCollabServer(options: CollabOptions = {}): CollabServer {
	const db = options.db ?? getDb;
	const log = options.logger ?? consoleLogger();
	const maxMessageBytes = options.maxMessageBytes ?? 1024 * 1024;
	const allowedOrigins = options.allowedOrigins ?? [];
	const limits: CollabLimits = { ...DEFAULT_LIMITS, ...options.limits };
	// No compression: connections write their own frames (`Frame`), uncompressed.
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: maxMessageBytes,
		perMessageDeflate: false
	});
	const cycle: CycleGate = new CycleGate({
		db,
		log,
		stepRooms: (planId): Room[] =>
			STEP_NUMBERS.flatMap((step) => rooms.named(stepDocument(planId, step)) ?? []),
		changed: (planId) => notify(planId, 'cycle')
	});
	const cluster = options.cluster
		? new ClusterNode(options.cluster, db, {
				loaded: (planId) => rooms.ofPlan(planId).length > 0,
				// Another process may have changed the plan's cycle and hierarchy since it was here.
				acquired: (planId) => {
					cycle.forget(planId);
					planCells.forget(planId);
				},
				lost: (planId) => rooms.discardPlan(planId, MOVED),
				handOver,
				accessChanged: (planId) =>
					void refreshHere(planId).catch((error: unknown) =>
						log.error('could not re-check access', error)
					),
				notice: (planId, topic) => noticeHere(planId, topic),
				log
			})
		: null;
	/** How long a connection or action waits for another process to hand its plan over. */
	const ownWaitMs = (cluster?.leaseMs ?? 0) + 500;
	const planCells = new PlanCellsCache(db);
	const folder = new Folder();
	const firstScreens = new FirstScreens();
	const rooms: Rooms = new Rooms(
		{
			db,
			planCells: (planId) => planCells.get(planId),
			log,
			cycle,
			commits: new LogCommits(db, options.flushIntervalMs ?? BEAT_MS),
			compactEvery: options.compactEvery ?? 500,
			compactRatio: options.compactRatio ?? 0.25,
			compactQuietMs: options.compactQuietMs ?? COMPACT_QUIET_MS,
			fold: folder.fold,
			idleUnloadMs: options.idleUnloadMs ?? 30_000,
			limits,
			onLoaded: (room) => scenarios.attach(room),
			fence: cluster ? (planId) => cluster.fence(planId) : undefined,
			onFenced: (room) => {
				// Another process raised the fence: whatever lease this one thinks it has is stale.
				void cluster?.release(room.ref.planId);
				rooms.discardPlan(room.ref.planId, MOVED);
			}
		},
		(room) => (room.ref.kind === 'step' ? keepFirstScreen(room.ref.planId) : Promise.resolve())
	);
	const scenarios: ScenarioService = new ScenarioService({
		rooms,
		db,
		log,
		writePlan: (planId, actor, change) => writePlan(planId, actor, change),
		notify: (planId, topic) => notify(planId, topic)
	});
	const connections = new Set<Connection>();
	const sockets = new SocketCounts(limits);
	const attached = new Set<EventEmitter>();
	let closing: Promise<void> | null = null;
	/** Bumped by refreshAccess, so an upgrade authorised just before a change is checked again. */
	let accessEpoch = 0;

	const stopLiveness = watchLiveness(
		connections,
		{
			pingIntervalMs: options.pingIntervalMs ?? 30_000,
			keepAliveMs: options.keepAliveMs ?? 10_000
		},
		log
	);

	const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		if (collabPath(req.url) !== null) void handleUpgrade(req, socket, head);
	};

	async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		// A client vanishing while we query the database must not crash the process.
		socket.on('error', () => {});
		if (closing) return rejectUpgrade(socket, 503);
		const epoch = accessEpoch;
		let decision: UpgradeDecision;
		try {
			decision = await decideUpgrade(req, db, allowedOrigins);
		} catch (error) {
			log.error(`upgrade ${req.url}: could not authorise`, error);
			// The browser retries either way; 503 says the wait is the database's, not a fault.
			return rejectUpgrade(socket, isDatabaseUnavailable(error) ? 503 : 500);
		}
		if (!decision.ok) {
			log.debug(`upgrade ${req.url}: refused with ${decision.status}`);
			return rejectUpgrade(socket, decision.status);
		}
		if (closing) return rejectUpgrade(socket, 503);
		const accepted = decision;
		const { token } = decision;
		const userId = decision.auth.user.id;
		if (!sockets.allows(token, userId)) {
			log.info(`upgrade ${req.url}: too many sockets for user ${userId}`);
			return rejectUpgrade(socket, 429);
		}
		// Counted from here (handleUpgrade answers synchronously) until the socket closes.
		sockets.open(token, userId);
		socket.once('close', () => sockets.closed(token, userId));
		wss.handleUpgrade(req, socket, head, (ws) => accept(ws, socket, accepted, epoch));
	}

	function accept(
		ws: WebSocket,
		socket: Duplex,
		decision: UpgradeDecision & { ok: true },
		epoch: number
	): void {
		const { name, ref, token, auth } = decision;
		const conn = new Connection(
			ws,
			socket,
			{ name, ref, token, user: auth.user },
			auth.readOnly,
			4 * maxMessageBytes,
			sockets.byteBudget(auth.user.id),
			new TokenBucket(limits.presencePerSecond, limits.presenceBurst),
			log
		);
		conn.steps = new Set(auth.steps);
		connections.add(conn);
		ws.on('error', (error) => log.info(`${conn.label}: ${error.message}`));
		ws.on('close', (code) => {
			connections.delete(conn);
			rooms.leave(conn);
			log.debug(`${conn.label}: closed (${code})`);
		});
		if (closing) return conn.close(CLOSE_GOING_AWAY, 'server shutting down');
		const allowed = epoch === accessEpoch ? Promise.resolve(true) : recheck(conn);
		allowed
			.then((ok) => ok && owning(conn))
			.then((ok) => (ok ? rooms.join(conn) : undefined))
			.catch((error: unknown) => {
				log.error(`${conn.label}: could not join`, error);
				conn.close(CLOSE_INTERNAL, 'could not open document');
			});
	}

	/**
	 * Several processes: a plan's documents are served only by its owner. This process becomes the
	 * owner (taking a free or expired lease, or asking the owner to hand over and waiting up to about
	 * a lease's time for it), or tells the client to reconnect: the load balancer routes it to the
	 * owner. Waiting here rather than refusing at once is what makes failover fast: a dead owner's
	 * lease expires within one TTL, and the waiting connection is served the moment it does.
	 */
	async function owning(conn: Connection): Promise<boolean> {
		if (!cluster) return true;
		const owned = await cluster.own(conn.identity.ref.planId, ownWaitMs);
		if (owned.ok) return conn.open;
		log.info(`${conn.label}: ${owned.reason}`);
		conn.close(CLOSE_MOVED, owned.reason);
		return false;
	}

	/** Runs a server-side action on the plan's owner, which this process becomes first. */
	function asOwner<T>(planId: string, action: () => Promise<T>): Promise<T> {
		return cluster ? cluster.using(planId, ownWaitMs, action) : action();
	}

	/** Saves the plan and lets it go, when another process asks for it. */
	async function handOver(planId: string): Promise<boolean> {
		// Shutting down saves and releases every plan anyway.
		if (closing) return false;
		try {
			await Promise.all(rooms.ofPlan(planId).map((room) => room.flush()));
		} catch (error) {
			log.error(`plan ${planId}: could not save before handing it over`, error);
			return false;
		}
		// Whatever arrived since the flush is not acknowledged: its senders resend it to the owner.
		rooms.discardPlan(planId, MOVED);
		return true;
	}

	async function recheck(conn: Connection): Promise<boolean> {
		const { token, ref } = conn.identity;
		return apply(conn, await authorize(await db(), token, ref));
	}

	function apply(conn: Connection, auth: Authorization): boolean {
		if (!auth.ok) {
			log.info(`${conn.label}: access revoked`);
			conn.close(CLOSE_FORBIDDEN, 'access revoked');
			return false;
		}
		conn.steps = new Set(auth.steps);
		const room = rooms.get(conn);
		if (room) room.setReadOnly(conn, auth.readOnly);
		else conn.readOnly = auth.readOnly;
		return true;
	}

	/**
	 * Re-checks the connections to one plan, or with no plan every connection (after a sign-out),
	 * here and in every other process.
	 */
	async function refreshAccess(planId?: string): Promise<void> {
		cluster?.publish({ type: 'access', planId });
		await refreshHere(planId);
	}

	async function refreshHere(planId?: string): Promise<void> {
		accessEpoch++;
		const database = await db();
		const checks = new Map<string, Promise<Authorization>>();
		for (const conn of [...connections]) {
			const { token, ref, name } = conn.identity;
			if ((planId !== undefined && ref.planId !== planId) || !conn.open) continue;
			const key = `${token} ${name}`;
			let check = checks.get(key);
			if (!check) checks.set(key, (check = authorize(database, token, ref)));
			apply(conn, await check);
		}
	}

	async function write(name: string, actor: WriteActor, change: StepWrite): Promise<void> {
		const ref = stepOfWrite(name, change);
		await writePlan(ref.planId, actor, { steps: [[ref.step, change]] });
	}

	async function writePlan(planId: string, actor: WriteActor, change: PlanWrite): Promise<void> {
		const steps = change.steps.map(([step, w]) => {
			const name = stepDocument(planId, step);
			return { name, ref: stepOfWrite(name, w), write: w };
		});
		const hierarchy = isEmptyHierarchyChange(change.hierarchy) ? null : change.hierarchy!;
		if (closing) throw new Refusal('The server is shutting down; try again in a moment.', 503);
		await asOwner(planId, () =>
			cycle.run(planId, async () => {
				const locked = steps.find((s) => cycle.isLocked(s.ref));
				if (locked) throw lockedStepRefusal(locked.ref.step);
				if (hierarchy) {
					await applyHierarchyChange(await db(), planId, hierarchy);
					await planCells.extend(planId, hierarchy);
				}
				const writing = steps.filter((s) => !isEmptyWrite(s.write));
				const opened = await Promise.all(writing.map((s) => rooms.open(s.name, s.ref)));
				opened.forEach((room, i) => room.applyServerWrite(writing[i].write, actor));
				await Promise.all(opened.map((room) => room.flush()));
			})
		);
		if (hierarchy) notify(planId, 'hierarchy');
	}

	async function firstScreen(
		planId: string,
		shape: PlanShape,
		load: boolean
	): Promise<FirstScreen | null> {
		if (closing) return null;
		// Of several processes, only the plan's owner holds its documents; taking the plan over for
		// a read would move its editors. The others read the saved documents.
		const held = STEPS_WITH_CELLS.map((step) => rooms.named(stepDocument(planId, step)));
		if ((cluster || !load) && !held.every((room) => room)) return null;
		const opened = await Promise.all(STEPS_WITH_CELLS.map((step) => rooms.openStep(planId, step)));
		return firstScreens.of(
			shape,
			opened.map((room, i) => [STEPS_WITH_CELLS[i], room])
		);
	}

	/**
	 * Keeps the plan's first screen in Postgres as its step documents are (all in memory, every edit
	 * logged), for a process started later to serve before it loads them.
	 */
	async function keepFirstScreen(planId: string): Promise<void> {
		const steps = STEPS_WITH_CELLS.map((step) => rooms.named(stepDocument(planId, step)));
		if (!steps.every((room) => room)) return;
		const held = steps as Room[];
		try {
			await Promise.all(held.map((room) => room.flush()));
			const store = await db();
			const shape = await getPlanShape(store, planId);
			// From here to the screen nothing else runs: it shows what the log holds up to the heads.
			const heads = held.map((room) => (room.state === 'closed' ? null : room.savedThrough));
			if (!shape || heads.some((head) => head === null)) return;
			const screen = firstScreens.of(
				shape,
				held.map((room, i) => [STEPS_WITH_CELLS[i], room])
			);
			await keepScreen(store, planId, shape, heads as number[], screen);
		} catch (error) {
			// Only a faster first open is lost: a plan without a kept screen computes it.
			log.error(`plan ${planId}: could not keep its first screen`, error);
		}
	}

	/** Tells the plan's browsers, on whichever process serves its meta document. */
	function notify(planId: string, topic: PlanTopic): void {
		cluster?.publish({ type: 'notice', planId, topic });
		noticeHere(planId, topic);
	}

	function noticeHere(planId: string, topic: PlanTopic): void {
		const room = rooms.named(metaDocument(planId));
		if (!room) return;
		const notices = room.doc.getMap<number>(NOTICES_MAP);
		// Not a Connection origin: relayed to everyone, never logged (the notices are not state).
		room.doc.transact(() => notices.set(topic, (notices.get(topic) ?? 0) + 1), 'server');
	}

	async function shutdown(): Promise<void> {
		stopLiveness();
		// Senders of edits still open hear they are saved before their socket goes.
		await Promise.allSettled(rooms.values().map((room) => room.flush()));
		const open = [...connections];
		for (const conn of open) conn.close(CLOSE_GOING_AWAY, 'server shutting down');
		await Promise.race([
			Promise.all(open.map((conn) => conn.closed)),
			new Promise((resolve) => setTimeout(resolve, CLOSE_HANDSHAKE_MS).unref())
		]);
		for (const conn of connections) conn.terminate();
		const plans = new Set(rooms.values().map((room) => room.ref.planId));
		await Promise.all([...plans].map(keepFirstScreen));
		await rooms.closeAll();
		// Saved: the plans are free for the other processes at once, without waiting for expiry.
		await cluster?.close();
		await folder.close();
		for (const server of attached) server.off('upgrade', onUpgrade);
		attached.clear();
		await new Promise<void>((resolve) => wss.close(() => resolve()));
	}

	return {
		attach(server) {
			if (attached.has(server)) return;
			attached.add(server);
			server.on('upgrade', onUpgrade);
		},
		handleUpgrade,
		close() {
			closing ??= shutdown();
			return closing;
		},
		refreshAccess,
		notify,
		cycleChange: (planId, change) => asOwner(planId, () => cycle.change(planId, change)),
		write,
		writePlan,
		firstScreen,
		async scenarioOp(planId, scenarioId, actor, op) {
			if (closing) throw new Refusal('The server is shutting down; try again in a moment.', 503);
			return asOwner(planId, () => scenarios.run(planId, scenarioId, actor, op));
		},
		cluster,
		stats() {
			let pendingUpdates = 0;
			for (const room of rooms.values()) pendingUpdates += room.pendingCount;
			return { docs: rooms.size, connections: connections.size, pendingUpdates };
		}
	};
}

/** Open sockets per session and per user, and each user's byte budget while they have one. */
class SocketCounts {
	private readonly perSession = new Map<string, number>();
	private readonly perUser = new Map<string, number>();
	private readonly budgets = new Map<string, TokenBucket>();

	constructor(private readonly limits: CollabLimits) {}

	allows(token: string, userId: string): boolean {
		return (
			(this.perSession.get(token) ?? 0) < this.limits.socketsPerSession &&
			(this.perUser.get(userId) ?? 0) < this.limits.socketsPerUser
		);
	}

	open(token: string, userId: string): void {
		this.perSession.set(token, (this.perSession.get(token) ?? 0) + 1);
		this.perUser.set(userId, (this.perUser.get(userId) ?? 0) + 1);
	}

	closed(token: string, userId: string): void {
		decrement(this.perSession, token);
		if (decrement(this.perUser, userId) === 0) this.budgets.delete(userId);
	}

	/** Shared by all the user's sockets, so opening more of them buys no more time. */
	byteBudget(userId: string): TokenBucket {
		let budget = this.budgets.get(userId);
		if (!budget) {
			budget = new TokenBucket(this.limits.bytesPerSecond, this.limits.burstBytes);
			this.budgets.set(userId, budget);
		}
		return budget;
	}
}

function decrement(counts: Map<string, number>, key: string): number {
	const left = (counts.get(key) ?? 1) - 1;
	if (left > 0) counts.set(key, left);
	else counts.delete(key);
	return left;
}
