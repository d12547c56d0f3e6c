/**
 * `npm run cluster`: Concord as three processes behind HAProxy on this machine, to try what the
 * README's "Running several processes" describes. Uses the machine's Postgres and Redis:
 *
 *   DATABASE_URL  default postgres://postgres@127.0.0.1:5432/concord_cluster (created if missing)
 *   REDIS_URL     default redis://127.0.0.1:6379
 *   CLUSTER_PORT  HAProxy's port, default 3000; the processes take the next three (3001–3003)
 *
 * Ctrl-C stops the processes (SIGTERM: they save open plans) and HAProxy. Nothing is restarted by
 * this script: kill a process by its pid to watch its plans move to the others.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import postgres from 'postgres';
import {
	clusterEnv,
	startConcord,
	startHaproxy,
	stopChild,
	type Child
} from './cluster-processes.ts';

const DATABASE_URL =
	process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/concord_cluster';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PORT = Number(process.env.CLUSTER_PORT ?? 3000);
const PROCESSES = 3;

if (!existsSync('build/concord/index.mjs')) {
	console.log('No build yet: running "npm run build"…');
	execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
}
await createDatabaseIfMissing(DATABASE_URL);

const running: Child[] = [];
let stopping = false;
async function stop(signal: string) {
	if (stopping) return;
	stopping = true;
	console.log(`\n${signal}: stopping the processes and HAProxy…`);
	await Promise.all(running.map((c) => stopChild(c, 'SIGTERM')));
	process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const env = clusterEnv(DATABASE_URL, REDIS_URL);
const ports = Array.from({ length: PROCESSES }, (_, i) => PORT + 1 + i);
// The first process migrates the database and seeds the demo (CONCORD_DEMO, on unless "off")
// alone; the others start once it is up, so that they neither run migrations nor seed at once.
const [first, ...others] = ports;
const start = (port: number, i: number) =>
	startConcord({ port, nodeId: `concord${i + 1}`, env, echo: true }).then((p) => {
		running.push(p);
		console.log(`concord${i + 1}: pid ${p.pid}, http://127.0.0.1:${port}`);
		return p;
	});
await start(first, 0);
await Promise.all(others.map((port, i) => start(port, i + 1)));
const haproxy = await startHaproxy({
	port: PORT,
	backends: ports.map((p) => `127.0.0.1:${p}`),
	statsSocket: join(mkdtempSync(join(tmpdir(), 'concord-cluster-')), 'haproxy.sock'),
	echo: true
});
running.push(haproxy);
console.log(
	`\nConcord cluster: http://localhost:${PORT} (HAProxy pid ${haproxy.pid}); Ctrl-C stops it`
);
// A child that dies is reported, not replaced: HAProxy sends its plans to the others.
for (const child of running) {
	void child.exited.then((code) => {
		if (!stopping) console.log(`pid ${child.pid} exited (${code}); not restarted`);
	});
}

async function createDatabaseIfMissing(url: string): Promise<void> {
	const name = decodeURIComponent(new URL(url).pathname.slice(1));
	const adminUrl = new URL(url);
	adminUrl.pathname = '/postgres';
	const admin = postgres(adminUrl.href, { max: 1, onnotice: () => {} });
	try {
		const [row] = await admin`select 1 from pg_database where datname = ${name}`;
		if (!row) {
			await admin.unsafe(`create database "${name.replaceAll('"', '""')}"`);
			console.log(`Created database ${name}`);
		}
	} finally {
		await admin.end();
	}
}
