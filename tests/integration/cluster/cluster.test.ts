import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import * as Y from 'yjs';
import { appendUpdates } from '../../../src/lib/server/yjs-log.ts';
import { compactDocument, foldUpdates, loadDocument } from '../../../src/lib/server/yjs-store.ts';
import { CLOSE_MOVED } from '../../../src/lib/sync/protocol.ts';
import { claimFence } from '../../../src/lib/server/cluster/fence.ts';
import { RedisThrottle } from '../../../src/lib/server/auth/rate-limit.ts';
import { openPostgres } from '../../../src/lib/server/db/postgres.ts';
import { invalidateSession } from '../../../src/lib/server/auth/session.ts';
import { getHierarchy, setPlanRole } from '../../../src/lib/server/plans.ts';
import { stepDocument, STEPS_WITH_CELLS } from '../../../src/lib/domain/documents.ts';
import { periods as monthsOf } from '../../../src/lib/domain/periods.ts';
import { serveHealth } from '../../../server/health.ts';
import { openTestDb } from '../../helpers/db.ts';
import { planWithMembers, signedInUser, type TestUser } from '../../helpers/fixtures.ts';
import {
	cellUpdate,
	connectPeer,
	destroyPeers,
	logCount,
	RawClient,
	sleep,
	startCollab,
	synced,
	waitFor,
	type Harness
} from '../collab/harness.ts';
import { closeOf, openTestRedis, OwnRedis, rawSynced, startNode, testPrefix } from './nodes.ts';

type TestDb = Awaited<ReturnType<typeof openTestDb>>;

let db: TestDb;
let redis: Redis;
let leader: TestUser;
const prefix = testPrefix();
const started: Harness[] = [];

beforeAll(async () => {
	db = await openTestDb();
	redis = openTestRedis();
	leader = await signedInUser(db, 'Lena Leader');
});

afterEach(async () => {
	destroyPeers();
	await Promise.all(started.splice(0).map((h) => h.stop()));
});

afterAll(async () => {
	const keys = await redis.keys(`${prefix}*`);
	if (keys.length > 0) await redis.del(...keys);
	redis.disconnect();
	await db.dispose();
});

async function node(nodeId: string, options: { leaseMs?: number; handoverAfterMs?: number } = {}) {
	const h = await startNode(db, { nodeId, keyPrefix: prefix, ...options });
	started.push(h);
	return h;
}

async function freshPlan() {
	const { planId, itemId, workspaceId } = await planWithMembers(db, leader);
	return { planId, item: itemId, workspaceId, step1: `plan/${planId}/step/1` };
}

async function acked(client: RawClient, count: number): Promise<void> {
	await waitFor(() => (client.acks.at(-1) ?? 0) >= count, `ack of ${count}`);
}

describe('plan affinity', () => {
	it('refuses a plan another node owns with the reconnect code, and moves it after the damping', async () => {
		const { item, step1 } = await freshPlan();
		const a = await node('a1', { handoverAfterMs: 2000 });
		const b = await node('b1', { handoverAfterMs: 2000 });
		const peer = await synced(connectPeer(a, step1, leader));
		const ownedAt = Date.now();
		const { client } = await rawSynced(a, step1, leader);
		client.sendUpdate(cellUpdate(`${item}:2027-01:forecast`, 7));
		await acked(client, 1);

		// A has held the plan for less than the damping: B waits about a lease, then says reconnect.
		const early = await RawClient.connect(b, step1, leader);
		expect(await closeOf(early)).toEqual({
			code: CLOSE_MOVED,
			reason: 'plan served by another server'
		});
		expect(Date.now() - ownedAt).toBeLessThan(2000);
		expect(a.collab.cluster!.health().plans).toBe(1);

		await sleep(2000 - (Date.now() - ownedAt));
		const moved = await rawSynced(b, step1, leader);
		expect(moved.doc.getMap('cells').get(`${item}:2027-01:forecast`)).toBe(7);
		expect(await closeOf(client)).toEqual({
			code: CLOSE_MOVED,
			reason: 'plan moved to another server'
		});
		// The browser's provider takes the code as "reconnect", not as a refusal.
		await waitFor(() => peer.closes.some((c) => c.code === CLOSE_MOVED), 'peer told to move');
		expect(peer.provider.shouldConnect).toBe(true);
		expect(b.collab.cluster!.health().plans).toBe(1);
		await waitFor(() => a.collab.cluster!.health().plans === 0, 'A let the plan go');
	});

	it('answers a first screen only on the node that holds the plan, and loads nothing elsewhere', async () => {
		const { planId } = await freshPlan();
		const a = await node('a9');
		const b = await node('b9');
		const clients = [];
		for (const step of STEPS_WITH_CELLS) {
			clients.push((await rawSynced(a, stepDocument(planId, step), leader)).client);
		}
		const shape = { ...(await getHierarchy(db, planId)), periods: monthsOf('2027-01', 12) };

		// B would have to take the plan over to read it live: its page reads the saved documents.
		expect(await b.collab.firstScreen(planId, shape, true)).toBeNull();
		expect(b.collab.stats().docs).toBe(0);
		expect(b.collab.cluster!.health().plans).toBe(0);
		expect(await a.collab.firstScreen(planId, shape, true)).not.toBeNull();
		expect(clients.map((client) => client.closed)).toEqual([null, null, null]);
	});

	it("takes over a dead node's plans once its lease expires, with every acknowledged edit", async () => {
		const { item, step1 } = await freshPlan();
		const a = await node('a2');
		const b = await node('b2');
		const { client } = await rawSynced(a, step1, leader);
		client.sendUpdate(cellUpdate(`${item}:2027-02:forecast`, 11));
		client.sendUpdate(cellUpdate(`${item}:2027-03:forecast`, 12));
		await acked(client, 2);

		// What SIGKILL leaves: no renewal, no release, and the browsers' sockets cut.
		a.collab.cluster!.halt();
		client.ws.terminate();
		const diedAt = Date.now();
		const { doc } = await rawSynced(b, step1, leader);
		expect(Date.now() - diedAt).toBeLessThan(600 + 400);
		expect(doc.getMap('cells').toJSON()).toMatchObject({
			[`${item}:2027-02:forecast`]: 11,
			[`${item}:2027-03:forecast`]: 12
		});
	});

	it('lets a node that cannot see Redis keep its plans, refuse new ones, and lease them again', async () => {
		const own = await OwnRedis.start();
		const check = openTestRedis(own.url);
		try {
			const c = await startCollab(db, {
				flushIntervalMs: 20,
				cluster: { redisUrl: own.url, nodeId: 'c6', leaseMs: 600, keyPrefix: prefix }
			});
			started.push(c);
			const loaded = await freshPlan();
			const other = await freshPlan();
			const { client } = await rawSynced(c, loaded.step1, leader);
			await waitFor(() => c.collab.cluster!.health().redis === 'up', 'Redis up');

			await own.stop();
			await waitFor(() => c.collab.cluster!.health().redis === 'down', 'Redis down');
			// Longer than a lease: the renewals fail, and that alone drops nothing.
			await sleep(900);
			client.sendUpdate(cellUpdate(`${loaded.item}:2027-04:forecast`, 4));
			await acked(client, 1);
			expect(await logCount(db, loaded.step1)).toBe(1);
			expect(client.closed).toBeNull();

			const refused = await RawClient.connect(c, other.step1, leader);
			expect(await closeOf(refused)).toEqual({
				code: CLOSE_MOVED,
				reason: 'coordination service unreachable'
			});

			// A restarted Redis has forgotten every lease: the node sets its own again.
			await own.start();
			await waitFor(
				async () => (await check.get(`${prefix}lease:${loaded.planId}`).catch(() => null)) !== null,
				'lease re-asserted'
			);
			expect(await check.get(`${prefix}lease:${loaded.planId}`)).toMatch(/^c6 /);
			await rawSynced(c, other.step1, leader);
			expect(client.closed).toBeNull();
		} finally {
			check.disconnect();
			await own.stop();
		}
	});
});

describe('fencing', () => {
	it('keeps a node whose plan was taken over from committing anything', async () => {
		const { planId, item, step1 } = await freshPlan();
		// A long lease: the fence, not a renewal, is what notices here.
		const a = await node('a3', { leaseMs: 10_000 });
		const { client } = await rawSynced(a, step1, leader);
		client.sendUpdate(cellUpdate(`${item}:2027-05:forecast`, 5));
		await acked(client, 1);

		// Another process takes the plan over: its lease in Redis, its fence in Postgres.
		await redis.set(`${prefix}lease:${planId}`, 'thief 1', 'PX', 10_000);
		await claimFence(db, planId);
		client.sendUpdate(cellUpdate(`${item}:2027-06:forecast`, 6));

		expect(await closeOf(client)).toEqual({
			code: CLOSE_MOVED,
			reason: 'plan moved to another server'
		});
		expect(client.acks.at(-1)).toBe(1);
		await sleep(100);
		expect(await logCount(db, step1)).toBe(1);
		// Not its plan any more: the thief's lease stays.
		expect(await redis.get(`${prefix}lease:${planId}`)).toBe('thief 1');
		expect(a.collab.cluster!.health().plans).toBe(0);
	});

	it('never lets a compaction that finishes late replace a newer snapshot', async () => {
		const { item, step1 } = await freshPlan();
		const logged = async (month: string, value: number) =>
			appendUpdates(db, step1, [
				{ update: cellUpdate(`${item}:${month}:forecast`, value), userId: leader.id }
			]);
		const first = await logged('2027-01', 1);
		// The stale owner reads the log up to `first`, and is slow to fold it.
		let finish: (() => void) | null = null;
		const slow = compactDocument(db, step1, first, async (snapshot, updates) => {
			await new Promise<void>((resolve) => (finish = resolve));
			return foldUpdates(snapshot, updates);
		});
		await waitFor(() => finish !== null, 'the stale fold under way');
		const second = await logged('2027-02', 2);
		// The new owner compacts everything meanwhile.
		await compactDocument(db, step1, second, async (s, u) => foldUpdates(s, u));
		finish!();
		await slow;

		const doc = new Y.Doc();
		await loadDocument(db, step1, doc);
		expect(doc.getMap('cells').toJSON()).toEqual({
			[`${item}:2027-01:forecast`]: 1,
			[`${item}:2027-02:forecast`]: 2
		});
	});

	it('drops a plan whose lease another node holds at the next renewal', async () => {
		const { planId, step1 } = await freshPlan();
		const a = await node('a4');
		const { client } = await rawSynced(a, step1, leader);
		await redis.set(`${prefix}lease:${planId}`, 'thief 1', 'PX', 10_000);
		expect(await closeOf(client, 1000)).toEqual({
			code: CLOSE_MOVED,
			reason: 'plan moved to another server'
		});
	});
});

describe('messages between nodes', () => {
	async function member(workspaceId: string, planId: string, name: string): Promise<TestUser> {
		const user = await signedInUser(db, name);
		await db.query(
			`insert into workspace_members (workspace_id, user_id, function) values ($1, $2, 'sales')`,
			[workspaceId, user.id]
		);
		await setPlanRole(db, planId, user.id, 'editor');
		return user;
	}

	it('closes sockets on every node when access changes or a session ends', async () => {
		const { planId, workspaceId, step1 } = await freshPlan();
		const a = await node('a5');
		const b = await node('b5');
		const removed = await member(workspaceId, planId, 'Rita Removed');
		const leaving = await member(workspaceId, planId, 'Lou Logout');
		const gone = await synced(connectPeer(a, step1, removed));
		const out = await synced(connectPeer(a, `plan/${planId}/meta`, leaving));
		const stays = await synced(connectPeer(a, step1, leader));

		await setPlanRole(db, planId, removed.id, null);
		await b.collab.refreshAccess(planId);
		await waitFor(() => gone.closes.some((c) => c.code === 4403), 'removed member closed on A');

		const [{ id }] = await db.query<{ id: string }>(`select id from sessions where user_id = $1`, [
			leaving.id
		]);
		await invalidateSession(db, id);
		await b.collab.refreshAccess();
		await waitFor(() => out.closes.some((c) => c.code === 4403), 'signed-out socket closed on A');
		expect(stays.provider.wsconnected).toBe(true);
	});

	it("brings a notice from any node to the plan's meta document, once", async () => {
		const { planId } = await freshPlan();
		const a = await node('a6');
		const b = await node('b6');
		const meta = await synced(connectPeer(a, `plan/${planId}/meta`, leader));
		const notices = meta.doc.getMap<number>('notices');

		b.collab.notify(planId, 'comments');
		await waitFor(() => notices.get('comments') === 1, 'notice from B');
		a.collab.notify(planId, 'comments');
		await waitFor(() => notices.get('comments') === 2, 'notice from A');
		await sleep(200);
		expect(notices.get('comments')).toBe(2);
	});

	it('counts failed sign-ins across processes in Redis', async () => {
		const one = openTestRedis();
		const two = openTestRedis();
		try {
			const first = new RedisThrottle(one, 'account', 5, 60_000, prefix);
			const second = new RedisThrottle(two, 'account', 5, 60_000, prefix);
			for (let i = 0; i < 3; i++) await first.fail('rita@example.com');
			expect(await second.retryAfter('rita@example.com')).toBe(0);
			for (let i = 0; i < 2; i++) await second.fail('rita@example.com');
			const wait = await first.retryAfter('rita@example.com');
			expect(wait).toBeGreaterThan(59_000);
			expect(wait).toBeLessThanOrEqual(60_000);
			expect(await second.retryAfter('someone@example.com')).toBe(0);
			await second.succeed('rita@example.com');
			expect(await first.retryAfter('rita@example.com')).toBe(0);
		} finally {
			one.disconnect();
			two.disconnect();
		}
	});

	it("falls back to the process's own count while Redis cannot answer", async () => {
		const closed = openTestRedis('redis://127.0.0.1:1');
		closed.on('error', () => {});
		try {
			const throttle = new RedisThrottle(closed, 'address', 2, 60_000, prefix);
			await throttle.fail('10.0.0.1');
			await throttle.fail('10.0.0.1');
			expect(await throttle.retryAfter('10.0.0.1')).toBeGreaterThan(0);
		} finally {
			closed.disconnect();
		}
	});
});

describe('/healthz', () => {
	async function get(state: Parameters<typeof serveHealth>[0]) {
		const server = http.createServer((_req, res) => void serveHealth(state, res));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = server.address() as AddressInfo;
			const res = await fetch(`http://127.0.0.1:${port}/healthz`);
			return { status: res.status, body: (await res.json()) as unknown };
		} finally {
			server.close();
		}
	}

	it('answers at once while every pooled connection is busy with a long query', async () => {
		const busy = await openPostgres(process.env.TEST_DATABASE_URL!);
		const state = { db: async () => busy, cluster: null, stopping: () => false, node: 'busy' };
		try {
			// More slow queries than the pool has connections: a query asked now waits for one of them.
			const slow = Array.from({ length: 12 }, () => busy.query('select pg_sleep(2)'));
			await sleep(200);
			const asked = performance.now();
			expect(await get(state)).toEqual({
				status: 200,
				body: { ok: true, node: 'busy', redis: 'off', plans: 0 }
			});
			expect(performance.now() - asked).toBeLessThan(1000);
			await Promise.all(slow);
		} finally {
			await busy.close();
		}
	});

	it('says whether this process can serve, and what it owns', async () => {
		const { step1 } = await freshPlan();
		const a = await node('a7');
		await rawSynced(a, step1, leader);
		let stopping = false;
		const state = {
			db: async () => db,
			cluster: a.collab.cluster,
			stopping: () => stopping,
			node: 'unused'
		};
		expect(await get(state)).toEqual({
			status: 200,
			body: { ok: true, node: 'a7', redis: 'up', plans: 1 }
		});
		stopping = true;
		expect((await get(state)).status).toBe(503);

		const unreachable = await openPostgres('postgres://postgres@127.0.0.1:1/none');
		try {
			expect(
				await get({ db: async () => unreachable, cluster: null, stopping: () => false, node: 'x' })
			).toEqual({ status: 503, body: { ok: false, node: 'x', redis: 'off', plans: 0 } });
		} finally {
			await unreachable.close().catch(() => {});
		}
	});
});
