/**
 * Load test of the collaboration server: N clients on one step document, a fifth of them typing,
 * then a fresh client syncing a full-size plan. The server runs in a child process
 * (collab-server.ts) so its CPU and memory are its own. Loopback only; ends by itself.
 *
 *   node --import tsx bench/collab-load.ts
 *   BENCH_CLIENTS=200 BENCH_PLAN_SYNC=0 node --import tsx bench/collab-load.ts   (one phase only)
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/collab-load.ts      (Postgres server)
 *   BENCH_SERVER_PROF=/tmp/prof node --import tsx bench/collab-load.ts          (server CPU profile)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { BenchClient } from './bench-client.ts';
import type { ServerReady, ServerRequest, ServerSample } from './collab-server.ts';
import type { MainMessage, WorkerMessage, WorkerTask } from './load-worker.ts';

const CLIENT_COUNTS = process.env.BENCH_CLIENTS?.split(',').map(Number) ?? [10, 50, 200];
const PLAN_SYNC = process.env.BENCH_PLAN_SYNC !== '0';
const EDITS_PER_SECOND = 5;
const WRITE_SECONDS = 10;
const EDITS_PER_WRITER = EDITS_PER_SECOND * WRITE_SECONDS;
/** A fifth of the clients type. */
const writersOf = (clients: number) => Math.max(1, Math.round(clients / 5));
const DRAIN_TIMEOUT_MS = 20_000;

class ServerProcess {
	private nextId = 1;
	private waiting = new Map<number, (value: { sample?: ServerSample }) => void>();

	private constructor(readonly child: ChildProcess) {
		child.on('message', (message: { id?: number; sample?: ServerSample }) => {
			if (message.id === undefined) return;
			this.waiting.get(message.id)?.(message);
			this.waiting.delete(message.id);
		});
	}

	static start(): Promise<{ server: ServerProcess; ready: ServerReady }> {
		const path = fileURLToPath(new URL('./collab-server.ts', import.meta.url));
		// BENCH_SERVER_PROF=<dir> writes a CPU profile of the server process there.
		const prof = process.env.BENCH_SERVER_PROF;
		const execArgv = ['--import', 'tsx', ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [])];
		const child = fork(path, [], { execArgv, stdio: 'inherit' });
		return new Promise((resolve, reject) => {
			child.once('error', reject);
			child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
			child.once('message', (ready: ServerReady) =>
				resolve({ server: new ServerProcess(child), ready })
			);
		});
	}

	private request(type: ServerRequest['type']): Promise<{ sample?: ServerSample }> {
		const id = this.nextId++;
		return new Promise((resolve) => {
			this.waiting.set(id, resolve);
			this.child.send({ id, type } satisfies ServerRequest);
		});
	}

	async sample(): Promise<ServerSample & { at: number }> {
		const { sample } = await this.request('sample');
		if (!sample) throw new Error('no sample');
		return { ...sample, at: performance.now() };
	}

	async stop(): Promise<void> {
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		await this.request('stop');
		await exited;
	}
}

interface LoadResult {
	clients: number;
	writers: number;
	edits: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	deliveredPerSecond: number;
	lost: number;
	unacked: number;
	serverCpu: number;
	serverRss: number;
	serverHeap: number;
	serverLagP99: number;
	clientCpu: number;
	clientLagP99: number;
}

function percentile(sorted: Float64Array, p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Clients of a large room are shared between threads, so they use both cores. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

function startWorker(task: WorkerTask): { worker: Worker; ready: Promise<void> } {
	const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
		workerData: task
	});
	const ready = new Promise<void>((resolve, reject) => {
		worker.once('error', reject);
		worker.once('message', (m: WorkerMessage) => m.type === 'ready' && resolve());
	});
	return { worker, ready };
}

async function loadPhase(
	server: ServerProcess,
	url: string,
	cookie: string,
	count: number,
	keys: string[]
): Promise<LoadResult> {
	const writers = writersOf(count);
	const editsPerWriter = EDITS_PER_WRITER;
	const expected = writers * editsPerWriter;
	const epoch = performance.timeOrigin + performance.now();
	const shares = Array.from({ length: Math.min(WORKERS, count) }, (_, k) => ({
		clients: Math.floor(count / WORKERS) + (k < count % WORKERS ? 1 : 0),
		writers: Math.floor(writers / WORKERS) + (k < writers % WORKERS ? 1 : 0)
	}));
	const keysOf = (k: number) => {
		const start = shares.slice(0, k).reduce((sum, s) => sum + s.writers * editsPerWriter, 0);
		return keys.slice(start, start + shares[k].writers * editsPerWriter);
	};
	const workers = shares.map((share, k) =>
		startWorker({
			url,
			cookie,
			...share,
			keys: keysOf(k),
			editsPerSecond: EDITS_PER_SECOND,
			writeSeconds: WRITE_SECONDS,
			expectedPerClient: expected,
			drainTimeoutMs: DRAIN_TIMEOUT_MS,
			epoch
		})
	);
	await Promise.all(workers.map((w) => w.ready));

	const before = await server.sample();
	const clientCpuBefore = process.cpuUsage();
	let peak = { rss: before.rss, heap: before.heapUsed, lag: 0 };
	const track = (s: ServerSample) =>
		(peak = {
			rss: Math.max(peak.rss, s.rss),
			heap: Math.max(peak.heap, s.heapUsed),
			lag: Math.max(peak.lag, s.loopDelayP99Ms)
		});
	const sampler = setInterval(() => void server.sample().then(track), 1000);
	const started = performance.timeOrigin + performance.now() - epoch;
	const results = await Promise.all(
		workers.map(
			({ worker }) =>
				new Promise<Extract<WorkerMessage, { type: 'done' }>>((resolve) => {
					worker.on('message', (m: WorkerMessage) => m.type === 'done' && resolve(m));
					worker.postMessage({ type: 'go', startAt: started + 100 } satisfies MainMessage);
				})
		)
	);
	const delivered = performance.timeOrigin + performance.now() - epoch;
	clearInterval(sampler);
	const after = await server.sample();
	track(after);
	const clientCpu = process.cpuUsage(clientCpuBefore);
	const wallMicros = (after.at - before.at) * 1000;
	await Promise.all(
		workers.map(
			({ worker }) =>
				new Promise((resolve) => {
					worker.once('exit', resolve);
					worker.postMessage({ type: 'stop' } satisfies MainMessage);
				})
		)
	);

	const all = new Float64Array(results.reduce((n, r) => n + r.latencies.length, 0));
	let offset = 0;
	for (const r of results) {
		all.set(r.latencies, offset);
		offset += r.latencies.length;
	}
	const sorted = all.sort();
	return {
		clients: count,
		writers,
		edits: expected,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted.length ? sorted[sorted.length - 1] : NaN,
		deliveredPerSecond: sorted.length / ((delivered - started) / 1000),
		lost: results.reduce((n, r) => n + r.lost, 0),
		unacked: results.reduce((n, r) => n + r.unacked, 0),
		serverCpu: (after.cpuMicros - before.cpuMicros) / wallMicros,
		serverRss: peak.rss,
		serverHeap: peak.heap,
		serverLagP99: peak.lag,
		clientCpu: (clientCpu.user + clientCpu.system) / wallMicros,
		clientLagP99: Math.max(...results.map((r) => r.lagP99Ms))
	};
}

interface SyncResult {
	cells: number;
	stateBytes: number;
	coldMs: number;
	warmMs: number;
	serverRss: number;
}

/**
 * A new participant opening the large plan: both step documents that hold its values, first
 * loaded from the database (cold), then again while they are in memory (warm).
 */
async function planSync(server: ServerProcess, ready: ServerReady): Promise<SyncResult> {
	const docs = [1, 2].map((step) => `${base}/plan/${ready.largePlanId}/step/${step}`);
	const open = async () => {
		const started = performance.now();
		const clients = await Promise.all(docs.map((url) => BenchClient.connect(url, ready.cookie)));
		const done = Math.max(...(await Promise.all(clients.map((c) => c.synced()))));
		const bytes = clients.reduce((sum, c) => sum + c.syncBytes, 0);
		await Promise.all(clients.map((c) => c.close()));
		return { ms: done - started, bytes };
	};
	const cold = await open();
	const warm = await open();
	const { rss } = await server.sample();
	return {
		cells: ready.cells,
		stateBytes: warm.bytes,
		coldMs: cold.ms,
		warmMs: warm.ms,
		serverRss: rss
	};
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '-');
const mb = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MB`;
const pct = (v: number) => `${(v * 100).toFixed(0)}%`;

function table(headers: string[], rows: string[][]): string {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
	return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function printSync(sync: SyncResult): void {
	console.log(`\nFresh client sync of the large plan (2,000 items x 36 months x 6 measures)`);
	console.log(
		table(
			['values', 'state size', 'sync (loaded from db)', 'sync (in memory)', 'server RSS'],
			[
				[
					String(sync.cells),
					`${(sync.stateBytes / 1024 / 1024).toFixed(1)} MB`,
					`${ms(sync.coldMs)} ms`,
					`${ms(sync.warmMs)} ms`,
					mb(sync.serverRss)
				]
			]
		)
	);
}

const { server, ready } = await ServerProcess.start();
const base = `ws://127.0.0.1:${ready.port}/collab`;
const results: LoadResult[] = [];
try {
	const idle = await server.sample();
	console.log(
		`database: ${ready.database}; server idle: RSS ${mb(idle.rss)}, heap ${mb(idle.heapUsed)}`
	);
	// Every edit of every phase writes a cell of its own.
	const keys = [...ready.loadKeys];
	const needed = CLIENT_COUNTS.reduce((sum, count) => sum + writersOf(count) * EDITS_PER_WRITER, 0);
	if (needed > keys.length) {
		throw new Error(
			`BENCH_CLIENTS needs ${needed} distinct cells; the load plan has ${keys.length}`
		);
	}
	for (const count of CLIENT_COUNTS) {
		const doc = `plan/${ready.planId}/step/1`;
		process.stdout.write(`load: ${count} clients…\n`);
		const phaseKeys = keys.splice(0, writersOf(count) * EDITS_PER_WRITER);
		results.push(await loadPhase(server, `${base}/${doc}`, ready.cookie, count, phaseKeys));
	}
	let sync: SyncResult | null = null;
	if (PLAN_SYNC) {
		process.stdout.write('plan sync…\n');
		sync = await planSync(server, ready);
	}

	console.log(
		`\nEdit relay: ${EDITS_PER_SECOND} cells/s per writer for ${WRITE_SECONDS} s, latency = edit to each other client (ms)`
	);
	console.log(
		table(
			[
				'clients',
				'writers',
				'edits',
				'p50',
				'p95',
				'p99',
				'max',
				'delivered/s',
				'lost',
				'unacked',
				'server CPU',
				'server RSS',
				'server heap',
				'server lag p99',
				'client CPU',
				'client lag p99'
			],
			results.map((r) => [
				String(r.clients),
				String(r.writers),
				String(r.edits),
				ms(r.p50),
				ms(r.p95),
				ms(r.p99),
				ms(r.max),
				r.deliveredPerSecond.toFixed(0),
				String(r.lost),
				String(r.unacked),
				pct(r.serverCpu),
				mb(r.serverRss),
				mb(r.serverHeap),
				ms(r.serverLagP99),
				pct(r.clientCpu),
				ms(r.clientLagP99)
			])
		)
	);
	if (sync) printSync(sync);
	console.log(
		[
			'',
			'CPU: share of one core over the phase (server and clients are separate processes).',
			'lag: event-loop delay p99 in ms; clients run in BENCH_WORKERS threads (2), PGlite runs on the server loop.',
			'lost: (client, edit) pairs missing at the end. unacked: edits never acknowledged as saved.'
		].join('\n')
	);
} finally {
	await server.stop();
}
