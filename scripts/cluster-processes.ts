/**
 * The pieces of a local cluster, shared by `npm run cluster`, the cluster tests and the cluster
 * bench: Concord processes from build/, HAProxy with deploy/haproxy.cfg, a Redis server of our own.
 * Every child is killed when this process exits, so a crashed test leaves nothing running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { resolve } from 'node:path';
import { ALLOCATOR_ENV } from '../src/lib/server/allocator-env.ts';

export const HAPROXY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
export const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';
export const HAPROXY_CONFIG = resolve('deploy/haproxy.cfg');
/** The `server` lines of deploy/haproxy.cfg. */
export const HAPROXY_SLOTS = 3;

const children = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of children) child.kill('SIGKILL');
});

/** A port nobody listens on right now (the kernel's choice). */
export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = net.createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => done(port));
		});
	});
}

export function sleep(ms: number): Promise<void> {
	return new Promise((done) => setTimeout(done, ms));
}

/** Waits until `check` holds, or throws after `timeoutMs` saying what it waited for. */
export async function until(
	check: () => boolean | Promise<boolean>,
	what: string,
	timeoutMs = 30_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (
		!(await Promise.resolve()
			.then(check)
			.catch(() => false))
	) {
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(50);
	}
}

export interface Child {
	readonly child: ChildProcess;
	readonly pid: number;
	/** The last lines it wrote (stdout and stderr), for a failing test's message. */
	readonly output: string[];
	readonly exited: Promise<number | null>;
}

/** Spawns a tracked child; `echo` copies its output to ours with a prefix. */
export function startChild(
	command: string,
	args: string[],
	options: { env?: NodeJS.ProcessEnv; label: string; echo?: boolean }
): Child {
	const child = spawn(command, args, {
		env: { ...process.env, ...options.env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.add(child);
	const output: string[] = [];
	const keep = (data: Buffer) => {
		for (const line of data.toString().split('\n').filter(Boolean)) {
			output.push(line);
			if (output.length > 200) output.shift();
			if (options.echo) console.log(`[${options.label}] ${line}`);
		}
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const exited = new Promise<number | null>((done) =>
		child.once('exit', (code, signal) => {
			children.delete(child);
			done(code ?? (signal ? -1 : null));
		})
	);
	if (child.pid === undefined) throw new Error(`Could not start ${command}`);
	return { child, pid: child.pid, output, exited };
}

/** Sends `signal` and waits for the exit (SIGKILL after `graceMs` if it has not gone). */
export async function stopChild(c: Child, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000) {
	if (c.child.exitCode !== null || c.child.signalCode !== null) return;
	c.child.kill(signal);
	const timer = setTimeout(() => c.child.kill('SIGKILL'), graceMs);
	await c.exited;
	clearTimeout(timer);
}

/** GET http://127.0.0.1:<port>/healthz answers 200. */
export async function healthy(port: number): Promise<boolean> {
	const res = await fetch(`http://127.0.0.1:${port}/healthz`, {
		signal: AbortSignal.timeout(2000)
	});
	await res.body?.cancel();
	return res.ok;
}

export interface ConcordProcess extends Child {
	readonly port: number;
	readonly nodeId: string;
}

/** Env every process behind the load balancer needs besides its own port and id. */
export function clusterEnv(databaseUrl: string, redisUrl: string): NodeJS.ProcessEnv {
	return {
		DATABASE_URL: databaseUrl,
		REDIS_URL: redisUrl,
		// The client's address is the one HAProxy saw (option forwardfor), for the sign-in throttle.
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1'
	};
}

/** `node build/concord/index.mjs` on `port`, resolved once its /healthz answers 200. */
export async function startConcord(options: {
	port: number;
	nodeId: string;
	env: NodeJS.ProcessEnv;
	echo?: boolean;
}): Promise<ConcordProcess> {
	const c = startChild(process.execPath, [resolve('build/concord/index.mjs')], {
		label: options.nodeId,
		echo: options.echo,
		env: {
			...ALLOCATOR_ENV,
			...options.env,
			PORT: String(options.port),
			HOST: '127.0.0.1',
			CONCORD_NODE_ID: options.nodeId
		}
	});
	const proc = { ...c, port: options.port, nodeId: options.nodeId };
	const exitedEarly = c.exited.then((code) => {
		throw new Error(`${options.nodeId} exited (${code}):\n${c.output.join('\n')}`);
	});
	const ready = until(
		() => healthy(options.port),
		`${options.nodeId} on port ${options.port} to answer /healthz`,
		60_000
	);
	// Handled here too: once ready, a later exit (a test's kill) is no error.
	exitedEarly.catch(() => {});
	await Promise.race([ready, exitedEarly]);
	return proc;
}

/** A Redis server of our own, nothing saved to disk: a restart starts it empty. */
export async function startRedis(port: number): Promise<Child> {
	const c = startChild(
		REDIS_SERVER,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ label: 'redis' }
	);
	await until(() => redisPing(port), `redis-server on port ${port}`, 10_000);
	return c;
}

function redisPing(port: number): Promise<boolean> {
	return new Promise((done) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			done(data.toString().startsWith('+PONG'));
			socket.destroy();
		});
	});
}

export interface Haproxy extends Child {
	readonly port: number;
	/** Each server's state as HAProxy's checks see it: 'UP', 'DOWN', … by server name. */
	servers(): Promise<Record<string, string>>;
}

/**
 * HAProxy with the repository's config, in front of `backends` (host:port; fewer than the config's
 * three slots repeat the last one). `statsSocket` adds an admin socket for `servers()`.
 */
export async function startHaproxy(options: {
	port: number;
	backends: string[];
	statsSocket: string;
	echo?: boolean;
}): Promise<Haproxy> {
	const env: NodeJS.ProcessEnv = { CONCORD_LB_PORT: String(options.port) };
	for (let slot = 0; slot < HAPROXY_SLOTS; slot++) {
		env[`CONCORD_${slot + 1}`] =
			options.backends[Math.min(slot, options.backends.length - 1)] ?? 'missing';
	}
	// A second file adds the stats socket; HAProxy merges the two global sections.
	const extra = `${options.statsSocket}.cfg`;
	writeFileSync(extra, `global\n\tstats socket ${options.statsSocket} mode 600 level admin\n`);
	const c = startChild(HAPROXY, ['-db', '-f', HAPROXY_CONFIG, '-f', extra], {
		label: 'haproxy',
		echo: options.echo,
		env
	});
	const servers = () => haproxyServers(options.statsSocket);
	await until(
		async () => Object.values(await servers()).every((s) => s === 'UP'),
		`HAProxy on port ${options.port} with every server up`
	);
	return { ...c, port: options.port, servers };
}

async function haproxyServers(socketPath: string): Promise<Record<string, string>> {
	const csv = await new Promise<string>((done, fail) => {
		let text = '';
		const socket = net.connect(socketPath);
		socket.once('error', fail);
		socket.once('connect', () => socket.write('show stat\n'));
		socket.on('data', (data) => (text += data.toString()));
		socket.once('end', () => done(text));
	});
	const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n');
	const columns = header.split(',');
	const [px, sv, status] = ['pxname', 'svname', 'status'].map((c) => columns.indexOf(c));
	const result: Record<string, string> = {};
	for (const row of rows.map((r) => r.split(','))) {
		if (row[px] === 'concord' && row[sv] !== 'BACKEND' && row[sv] !== 'FRONTEND')
			result[row[sv]] = row[status];
	}
	return result;
}
