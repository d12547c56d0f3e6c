/**
 * A real cluster for one test file: three Concord processes from build/ behind HAProxy (with
 * deploy/haproxy.cfg), a Redis server of its own (so a test can restart it), and a database of its
 * own on the machine's Postgres, reached through a TCP proxy so a test can cut it off as a
 * Postgres restart would (cheaper than a second Postgres instance, and the shared server stays up).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDb, type Db } from '../../src/lib/server/db/index.ts';
import { randomId } from '../../src/lib/server/ids.ts';
import {
	clusterEnv,
	freePort,
	startConcord,
	startHaproxy,
	startRedis,
	stopChild,
	until,
	type Child,
	type ConcordProcess,
	type Haproxy
} from '../../scripts/cluster-processes.ts';
import { OutageProxy } from '../helpers/tcp-proxy.ts';

const POSTGRES = { host: '127.0.0.1', port: 5432 };
const ADMIN_URL = `postgres://postgres@${POSTGRES.host}:${POSTGRES.port}/postgres`;

export interface ClusterOptions {
	/** Concord processes (1–3); HAProxy's three slots repeat the last one when fewer. */
	processes?: number;
	/** Extra env for every process. */
	env?: NodeJS.ProcessEnv;
	/** Put the processes' database connections through an OutageProxy (for Postgres outages). */
	databaseProxy?: boolean;
	/** Copy the children's output to ours (CLUSTER_ECHO=1 does it too). */
	echo?: boolean;
}

export class Cluster {
	/** http://127.0.0.1:<HAProxy port> */
	readonly origin: string;
	/** ws://127.0.0.1:<HAProxy port>/collab, the y-websocket server URL a browser uses. */
	readonly collabUrl: string;

	private constructor(
		/** The test's own connection, straight to Postgres (never through the proxy). */
		readonly db: Db,
		readonly databaseName: string,
		private readonly processEnv: NodeJS.ProcessEnv,
		readonly nodes: (ConcordProcess | null)[],
		private readonly ports: number[],
		readonly haproxy: Haproxy,
		private redis: Child | null,
		readonly redisPort: number,
		readonly databaseProxy: OutageProxy | null,
		private readonly tempDir: string,
		private readonly echo: boolean
	) {
		this.origin = `http://127.0.0.1:${haproxy.port}`;
		this.collabUrl = `ws://127.0.0.1:${haproxy.port}/collab`;
	}

	static async start(options: ClusterOptions = {}): Promise<Cluster> {
		const count = options.processes ?? 3;
		const echo = options.echo ?? process.env.CLUSTER_ECHO === '1';
		const databaseName = `concord_cluster_${randomId(8).toLowerCase()}`;
		const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${databaseName}"`);
		await admin.end();
		const directUrl = `postgres://postgres@${POSTGRES.host}:${POSTGRES.port}/${databaseName}`;
		// Migrated here first, so that the processes start together without racing on migrations.
		const db = await openDb({ url: directUrl });
		const proxy = options.databaseProxy ? await OutageProxy.start(POSTGRES) : null;
		const databaseUrl = proxy
			? `postgres://postgres@127.0.0.1:${proxy.port}/${databaseName}`
			: directUrl;
		const redisPort = await freePort();
		const redis = await startRedis(redisPort);
		const processEnv = {
			...clusterEnv(databaseUrl, `redis://127.0.0.1:${redisPort}`),
			CONCORD_DEMO: 'off',
			...options.env
		};
		const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
		const nodes = await Promise.all(
			ports.map((port, i) => startConcord({ port, nodeId: nodeName(i), env: processEnv, echo }))
		);
		const tempDir = mkdtempSync(join(tmpdir(), 'concord-cluster-'));
		const haproxy = await startHaproxy({
			port: await freePort(),
			backends: ports.map((p) => `127.0.0.1:${p}`),
			statsSocket: join(tempDir, 'haproxy.sock'),
			echo
		});
		return new Cluster(
			db,
			databaseName,
			processEnv,
			nodes,
			ports,
			haproxy,
			redis,
			redisPort,
			proxy,
			tempDir,
			echo
		);
	}

	/** The index of the process HAProxy sends this plan's requests to now. */
	async nodeOf(planId: string): Promise<number> {
		const res = await fetch(`${this.origin}/plans/${planId}`, { redirect: 'manual' });
		await res.body?.cancel();
		const server = res.headers.get('x-concord-server');
		if (!server) throw new Error(`No x-concord-server header (status ${res.status})`);
		// With fewer processes than HAProxy's slots, the last one fills the rest.
		return Math.min(Number(server.replace('concord', '')) - 1, this.nodes.length - 1);
	}

	/** Kills process `i` with `signal` and waits until it has exited. */
	async kill(i: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
		const node = this.nodes[i];
		if (!node) return;
		this.nodes[i] = null;
		await stopChild(node, signal);
	}

	/** Waits until HAProxy's checks have taken server `i` out of (or back into) rotation. */
	async waitServer(i: number, state: 'UP' | 'DOWN', timeoutMs = 10_000): Promise<void> {
		const name = `concord${i + 1}`;
		await until(
			async () => (await this.haproxy.servers())[name]?.startsWith(state) ?? false,
			`HAProxy to see ${name} ${state}`,
			timeoutMs
		);
	}

	/** Starts process `i` again on its port. */
	async restart(i: number): Promise<void> {
		await this.kill(i, 'SIGTERM');
		this.nodes[i] = await startConcord({
			port: this.ports[i],
			nodeId: nodeName(i),
			env: this.processEnv,
			echo: this.echo
		});
	}

	async stopRedis(): Promise<void> {
		if (this.redis) await stopChild(this.redis, 'SIGKILL');
		this.redis = null;
	}

	/** A Redis restart: a fresh, empty server on the same port. */
	async startRedis(): Promise<void> {
		this.redis ??= await startRedis(this.redisPort);
	}

	/** What the processes wrote, for a failing test's message. */
	output(i: number): string {
		return this.nodes[i]?.output.join('\n') ?? '(not running)';
	}

	/** Every running process's output, for a failing test's message. */
	allOutput(): string {
		return this.nodes.map((n, i) => `--- concord${i + 1}\n${this.output(i)}`).join('\n');
	}

	async stop(): Promise<void> {
		await Promise.all(this.nodes.map((n) => n && stopChild(n, 'SIGKILL')));
		await stopChild(this.haproxy, 'SIGKILL');
		await this.stopRedis();
		await this.databaseProxy?.close();
		await this.db.close();
		const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists "${this.databaseName}" with (force)`);
		await admin.end();
		rmSync(this.tempDir, { recursive: true, force: true });
	}
}

function nodeName(i: number): string {
	return `concord${i + 1}`;
}
