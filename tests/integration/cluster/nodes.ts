import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { Db } from '../../../src/lib/server/db/index.ts';
import type { ClusterOptions } from '../../../src/lib/server/cluster/node.ts';
import { randomId } from '../../../src/lib/server/ids.ts';
import { RawClient, startCollab, waitFor, type Harness } from '../collab/harness.ts';
import type { TestUser } from '../../helpers/fixtures.ts';

/** The machine's shared Redis; every test file works under a key prefix of its own. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function testPrefix(): string {
	return `test:${randomId(8)}:`;
}

/** A collaboration server that is one node of a cluster on `db` and Redis. */
export function startNode(
	db: Db,
	cluster: Partial<ClusterOptions> & { nodeId: string; keyPrefix: string }
): Promise<Harness> {
	return startCollab(db, {
		flushIntervalMs: 20,
		cluster: { redisUrl: REDIS_URL, leaseMs: 600, handoverAfterMs: 60_000, ...cluster }
	});
}

export function openTestRedis(url = REDIS_URL): Redis {
	const redis = new Redis(url, { maxRetriesPerRequest: 1 });
	// A Redis the test stops is expected to be unreachable for a while.
	redis.on('error', () => {});
	return redis;
}

/** A raw client that has synced its document with the server. */
export async function rawSynced(h: Harness, name: string, user: TestUser) {
	const client = await RawClient.connect(h, name, user);
	const doc = new Y.Doc();
	await client.sync(doc);
	return { client, doc };
}

/** The close a raw client gets, once it gets one. */
export async function closeOf(client: RawClient, timeoutMs = 5000) {
	await waitFor(() => client.closed !== null, 'socket closed', timeoutMs);
	return client.closed!;
}

/** A Redis server of our own on a free port, to stop and start again (without persistence). */
export class OwnRedis {
	private child: ChildProcess | null = null;

	private constructor(readonly port: number) {}

	static async start(): Promise<OwnRedis> {
		const redis = new OwnRedis(await freePort());
		await redis.start();
		return redis;
	}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	async start(): Promise<void> {
		const child = spawn(
			'redis-server',
			['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{ stdio: 'ignore' }
		);
		this.child = child;
		await waitFor(async () => {
			const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null });
			probe.on('error', () => {});
			try {
				return await probe.ping().then(
					() => true,
					() => false
				);
			} finally {
				probe.disconnect();
			}
		}, 'redis-server');
	}

	/** Stops it by its pid; what it held is gone. */
	async stop(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null) return;
		this.child = null;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}
