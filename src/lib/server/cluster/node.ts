import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Queryable } from '../db/index.ts';
import type { PlanTopic } from '../../sync/protocol.ts';
import { Bus, type BusMessage } from './bus.ts';
import { claimFence, FencedOut, type PlanFence } from './fence.ts';
import { Leases } from './leases.ts';
import { openRedis, redisUp } from './redis.ts';
import { Refusal } from '../refusal.ts';

export const BUSY = 'This plan is busy on another server; try again in a moment.';

export interface ClusterOptions {
	redisUrl: string;
	/** Unique per process; defaults to host:port:pid. */
	nodeId?: string;
	/** Lease time to live; renewed every third of it. A dead owner's plans move after this. */
	leaseMs?: number;
	/** Prefix of every Redis key and channel (several clusters, or tests, on one Redis). */
	keyPrefix?: string;
	/** A plan held for less than this is not handed over on request, so it cannot ping-pong. */
	handoverAfterMs?: number;
}

/** What the node needs from the collaboration server it coordinates. */
export interface ClusterHooks {
	/** Whether any of the plan's documents is in memory. */
	loaded(planId: string): boolean;
	/** Just taken (a new fence): anything cached about the plan may be stale. */
	acquired(planId: string): void;
	/** Another process holds the plan now: drop its documents without writing, close its sockets. */
	lost(planId: string): void;
	/** Asked for by another process: save the plan, close its sockets, unload; true when done. */
	handOver(planId: string): Promise<boolean>;
	/** From another process: who may open what changed (no plan: a session ended). */
	accessChanged(planId?: string): void;
	/** From another process: server-written state of the plan changed. */
	notice(planId: string, topic: PlanTopic): void;
	log: { info(message: string): void; warn(message: string): void };
}

export type Ownership = { ok: true; fence: PlanFence } | { ok: false; reason: string };

export interface ClusterHealth {
	node: string;
	redis: 'up' | 'down';
	plans: number;
}

interface Held {
	value: string;
	fence: PlanFence;
	since: number;
}

/** How often a process waiting for a plan's lease asks Redis again. */
const POLL_MS = 100;

export function defaultNodeId(): string {
	return `${hostname()}:${process.env.PORT ?? 3000}:${process.pid}`;
}

/**
 * This process's place in a cluster: the plans it owns (leases in Redis, fences in Postgres), and
 * the messages it exchanges with the other processes.
 */
export class ClusterNode {
	readonly id: string;
	readonly leaseMs: number;
	private readonly handoverAfterMs: number;
	private readonly redis: Redis;
	private readonly sub: Redis;
	private readonly leases: Leases;
	private readonly bus: Bus;
	private readonly held = new Map<string, Held>();
	private readonly taking = new Map<string, Promise<Ownership>>();
	/** Plans being handed over: served by nobody here until the lease is released. */
	private readonly leaving = new Set<string>();
	/** Server-side actions in progress per plan: their plan is not released as idle. */
	private readonly busy = new Map<string, number>();
	private readonly timer: NodeJS.Timeout;
	private renewing = false;
	private readies = 0;
	private stopped = false;

	constructor(
		options: ClusterOptions,
		private readonly db: () => Promise<Queryable>,
		private readonly hooks: ClusterHooks
	) {
		this.id = options.nodeId ?? defaultNodeId();
		this.leaseMs = options.leaseMs ?? 3000;
		this.handoverAfterMs = options.handoverAfterMs ?? 5000;
		const prefix = options.keyPrefix ?? 'concord:';
		this.redis = openRedis(options.redisUrl, `concord ${this.id}`);
		this.sub = openRedis(options.redisUrl, `concord ${this.id} bus`);
		this.leases = new Leases(this.redis, prefix, this.id, this.leaseMs);
		this.bus = new Bus(this.redis, this.sub, prefix, this.id, (m) => this.receive(m));
		this.redis.on('ready', () => {
			// Back after an outage: leases are asserted again at once, and every socket is checked
			// again for the access changes published while this process could not hear them.
			if (this.readies++ === 0) return;
			hooks.log.info(`cluster ${this.id}: Redis is back`);
			void this.renewAll();
			hooks.accessChanged();
		});
		this.timer = setInterval(() => void this.renewAll(), Math.max(50, this.leaseMs / 3));
		this.timer.unref();
	}

	health(): ClusterHealth {
		return { node: this.id, redis: redisUp(this.redis) ? 'up' : 'down', plans: this.held.size };
	}

	/** The fence a commit of the plan's log must carry; FencedOut when this process lost the plan. */
	fence(planId: string): PlanFence {
		const held = this.held.get(planId);
		if (!held) throw new FencedOut(planId);
		return held.fence;
	}

	/**
	 * Makes this process the plan's owner: at once when it is, else takes the free lease, or asks
	 * the owner to hand the plan over and waits up to `waitMs` for its lease to be released (or to
	 * expire, when its owner died).
	 */
	own(planId: string, waitMs: number): Promise<Ownership> {
		const held = this.held.get(planId);
		if (this.leaving.has(planId)) {
			return Promise.resolve({ ok: false, reason: 'plan moving to another server' });
		}
		if (held) return Promise.resolve({ ok: true, fence: held.fence });
		let taking = this.taking.get(planId);
		if (!taking) {
			taking = this.take(planId, waitMs).finally(() => this.taking.delete(planId));
			this.taking.set(planId, taking);
		}
		return taking;
	}

	/**
	 * Runs a server-side action as the plan's owner (it must pass the plan's cycle gate, which lives
	 * in the owner's memory); the plan is not released while it runs. A Refusal (503) when another
	 * process keeps the plan.
	 */
	async using<T>(planId: string, waitMs: number, action: () => Promise<T>): Promise<T> {
		const owned = await this.own(planId, waitMs);
		if (!owned.ok) {
			this.hooks.log.info(`cluster ${this.id}: plan ${planId} refused: ${owned.reason}`);
			throw new Refusal(BUSY, 503);
		}
		this.busy.set(planId, (this.busy.get(planId) ?? 0) + 1);
		try {
			return await action();
		} finally {
			const left = this.busy.get(planId)! - 1;
			if (left > 0) this.busy.set(planId, left);
			else this.busy.delete(planId);
		}
	}

	private async take(planId: string, waitMs: number): Promise<Ownership> {
		const deadline = Date.now() + waitMs;
		let asked = false;
		for (;;) {
			if (this.stopped) return { ok: false, reason: 'server shutting down' };
			let value: string | null;
			try {
				value = await this.leases.acquire(planId);
			} catch {
				// Without Redis nobody can tell who owns the plan: serve only the plans already held.
				return { ok: false, reason: 'coordination service unreachable' };
			}
			if (value) return this.claimed(planId, value);
			if (!asked) {
				asked = true;
				await this.bus.publish({ type: 'handover', planId });
			}
			const left = deadline - Date.now();
			if (left <= 0) return { ok: false, reason: 'plan served by another server' };
			await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)));
		}
	}

	private async claimed(planId: string, value: string): Promise<Ownership> {
		try {
			const fence: PlanFence = { planId, token: await claimFence(await this.db(), planId) };
			this.held.set(planId, { value, fence, since: Date.now() });
			this.hooks.acquired(planId);
			return { ok: true, fence };
		} catch (error) {
			await this.leases.release(planId, value).catch(() => {});
			throw error;
		}
	}

	private receive(message: BusMessage): void {
		if (message.type === 'access') this.hooks.accessChanged(message.planId);
		else if (message.type === 'notice') this.hooks.notice(message.planId, message.topic);
		else void this.handOver(message.planId);
	}

	private async handOver(planId: string): Promise<void> {
		const held = this.held.get(planId);
		if (!held || this.leaving.has(planId) || this.busy.has(planId)) return;
		if (Date.now() - held.since < this.handoverAfterMs) return;
		this.leaving.add(planId);
		try {
			if (!(await this.hooks.handOver(planId))) return;
			if (this.held.get(planId) === held) await this.release(planId);
			this.hooks.log.info(`cluster ${this.id}: handed plan ${planId} over`);
		} finally {
			this.leaving.delete(planId);
		}
	}

	/** Tells the other processes; the caller applies the change here itself. */
	publish(message: BusMessage): void {
		void this.bus.publish(message);
	}

	/** Lets the plan go (unless another process took it already). */
	async release(planId: string): Promise<void> {
		const held = this.held.get(planId);
		if (!held) return;
		this.held.delete(planId);
		await this.leases.release(planId, held.value).catch(() => {});
	}

	/**
	 * Renews every lease; releases those of plans no longer in memory. Only a positive "another
	 * process holds it" drops a plan: while Redis is unreachable, the plans here keep being served
	 * (their fences still guard every commit).
	 */
	private async renewAll(): Promise<void> {
		if (this.renewing || this.stopped) return;
		this.renewing = true;
		try {
			await Promise.all(
				[...this.held].map(async ([planId, held]) => {
					if (this.leaving.has(planId)) return;
					const idle = !this.busy.has(planId) && !this.hooks.loaded(planId);
					if (idle && Date.now() - held.since >= this.leaseMs) return this.release(planId);
					const result = await this.leases.renew(planId, held.value).catch(() => null);
					if (result !== 'lost' || this.held.get(planId) !== held) return;
					this.held.delete(planId);
					this.hooks.log.warn(`cluster ${this.id}: lost plan ${planId} to another server`);
					this.hooks.lost(planId);
				})
			);
		} finally {
			this.renewing = false;
		}
	}

	/** Graceful stop: releases every lease (after the caller saved the plans) and disconnects. */
	async close(): Promise<void> {
		this.stopped = true;
		clearInterval(this.timer);
		await Promise.all([...this.held.keys()].map((planId) => this.release(planId)));
		this.redis.disconnect();
		this.sub.disconnect();
	}

	/** What SIGKILL leaves behind, for fault tests: no more renewals, no release, no messages. */
	halt(): void {
		this.stopped = true;
		clearInterval(this.timer);
		this.redis.disconnect();
		this.sub.disconnect();
	}
}
