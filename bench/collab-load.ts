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
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { BenchClient } from './bench-client.ts';
import type { ServerReady, ServerRequest, ServerSample } from './collab-server.ts';

const CLIENT_COUNTS = process.env.BENCH_CLIENTS?.split(',').map(Number) ?? [10, 50, 200];
const PLAN_SYNC = process.env.BENCH_PLAN_SYNC !== '0';
const EDITS_PER_SECOND = 5;
const WRITE_SECONDS = 10;
const DRAIN_TIMEOUT_MS = 20_000;
const PLAN = { items: 2000, months: 36, measures: 6, itemsPerUpdate: 40 };
const MEASURES = ['forecast', 'marketing', 'consensus', 'production', 'receipts', 'safety'];

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

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	return true;
}

async function connectAll(url: string, cookie: string, count: number): Promise<BenchClient[]> {
	const clients: BenchClient[] = [];
	// In small waves: a real room fills up over seconds, not in one event-loop turn.
	for (let i = 0; i < count; i += 25) {
		const wave = Array.from({ length: Math.min(25, count - i) }, () =>
			BenchClient.connect(url, cookie)
		);
		clients.push(...(await Promise.all(wave)));
	}
	await Promise.all(clients.map((c) => c.synced()));
	return clients;
}

function percentile(sorted: Float64Array, p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function loadPhase(
	server: ServerProcess,
	base: string,
	doc: string,
	cookie: string,
	count: number
): Promise<LoadResult> {
	const clients = await connectAll(`${base}/${doc}`, cookie, count);
	const writers = clients.slice(0, Math.max(1, Math.round(count / 5)));
	const editsPerWriter = EDITS_PER_SECOND * WRITE_SECONDS;
	const expected = writers.length * editsPerWriter;
	const latencies = new Float64Array(expected * (count - 1));
	let samples = 0;
	clients.forEach((client) => {
		client.cells.observe((event) => {
			if (event.transaction.local) return;
			const now = performance.now();
			for (const key of event.keysChanged) {
				const sentAt = client.cells.get(key);
				if (sentAt !== undefined && samples < latencies.length) latencies[samples++] = now - sentAt;
			}
		});
	});

	const before = await server.sample();
	const clientCpuBefore = process.cpuUsage();
	const clientLag = monitorEventLoopDelay({ resolution: 5 });
	clientLag.enable();
	let peak = { rss: before.rss, heap: before.heapUsed, lag: 0 };
	const track = (s: ServerSample) =>
		(peak = {
			rss: Math.max(peak.rss, s.rss),
			heap: Math.max(peak.heap, s.heapUsed),
			lag: Math.max(peak.lag, s.loopDelayP99Ms)
		});
	const sampler = setInterval(() => void server.sample().then(track), 1000);
	const started = performance.now();
	const interval = 1000 / EDITS_PER_SECOND;
	await Promise.all(
		writers.map(
			(writer, w) =>
				new Promise<void>((resolve) => {
					let seq = 0;
					const tick = () => {
						// The value is the send time: each receiver reads its own latency off the cell.
						writer.cells.set(`w${w}n${seq}:2027-01:forecast`, performance.now());
						if (++seq >= editsPerWriter) return resolve();
						setTimeout(
							tick,
							started + seq * interval + (w * interval) / writers.length - performance.now()
						);
					};
					setTimeout(tick, (w * interval) / writers.length);
				})
		)
	);
	await waitUntil(() => clients.every((c) => c.cells.size >= expected), DRAIN_TIMEOUT_MS);
	const delivered = performance.now();
	await waitUntil(() => writers.every((w) => w.acked >= w.sent), 5000);
	clearInterval(sampler);
	const after = await server.sample();
	track(after);
	const clientCpu = process.cpuUsage(clientCpuBefore);
	clientLag.disable();
	const wallMicros = (after.at - before.at) * 1000;

	let lost = 0;
	for (const client of clients) {
		for (let w = 0; w < writers.length; w++) {
			for (let n = 0; n < editsPerWriter; n++) {
				if (!client.cells.has(`w${w}n${n}:2027-01:forecast`)) lost++;
			}
		}
	}
	const unacked = writers.reduce((sum, w) => sum + Math.max(0, w.sent - w.acked), 0);
	const sorted = latencies.slice(0, samples).sort();
	await Promise.all(clients.map((c) => c.close()));
	return {
		clients: count,
		writers: writers.length,
		edits: expected,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted.length ? sorted[sorted.length - 1] : NaN,
		deliveredPerSecond: samples / ((delivered - started) / 1000),
		lost,
		unacked,
		serverCpu: (after.cpuMicros - before.cpuMicros) / wallMicros,
		serverRss: peak.rss,
		serverHeap: peak.heap,
		serverLagP99: peak.lag,
		clientCpu: (clientCpu.user + clientCpu.system) / wallMicros,
		clientLagP99: clientLag.percentile(99) / 1e6
	};
}

interface SyncResult {
	cells: number;
	updates: number;
	seedMs: number;
	saveMs: number;
	stateBytes: number;
	warmMs: number;
	coldMs: number;
	coldLogRows: number;
	serverRss: number;
}

async function planSync(server: ServerProcess, url: string, cookie: string): Promise<SyncResult> {
	const seeder = await BenchClient.connect(url, cookie);
	await seeder.synced();
	const months = Array.from({ length: PLAN.months }, (_, m) => {
		const d = new Date(Date.UTC(2027, m, 1));
		return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
	});
	const seedStart = performance.now();
	let updates = 0;
	// One update per few dozen items keeps every message well under the server's 1 MiB limit.
	for (let first = 0; first < PLAN.items; first += PLAN.itemsPerUpdate) {
		seeder.doc.transact(() => {
			for (let i = first; i < Math.min(PLAN.items, first + PLAN.itemsPerUpdate); i++) {
				const item = `item${String(i).padStart(4, '0')}`;
				for (const month of months) {
					for (const measure of MEASURES.slice(0, PLAN.measures)) {
						seeder.cells.set(`${item}:${month}:${measure}`, (i * 7 + month.length) % 1000);
					}
				}
			}
		});
		updates++;
		await new Promise((resolve) => setImmediate(resolve));
	}
	const seedMs = performance.now() - seedStart;
	await waitUntil(() => seeder.acked >= seeder.sent, 60_000);
	const saveMs = performance.now() - seedStart;
	const cells = seeder.cells.size;

	const warmStart = performance.now();
	const warm = await BenchClient.connect(url, cookie);
	const warmMs = (await warm.synced()) - warmStart;
	const stateBytes = warm.syncBytes;
	const warmCells = warm.cells.size;
	await warm.close();
	await seeder.close();

	// Idle unload flushes and compacts; the next client then loads from the snapshot.
	const deadline = Date.now() + 60_000;
	while ((await server.sample()).docs > 0 && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	const coldLogRows = (await server.sample()).logRows;
	const coldStart = performance.now();
	const cold = await BenchClient.connect(url, cookie);
	const coldMs = (await cold.synced()) - coldStart;
	const coldCells = cold.cells.size;
	await cold.close();
	if (warmCells !== cells || coldCells !== cells) {
		console.log(`! sync mismatch: seeded ${cells}, warm ${warmCells}, cold ${coldCells}`);
	}
	const { rss } = await server.sample();
	return {
		cells,
		updates,
		seedMs,
		saveMs,
		stateBytes,
		warmMs,
		coldMs,
		coldLogRows,
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
	console.log(
		`\nFresh client sync of ${PLAN.items} items x ${PLAN.months} months x ${PLAN.measures} measures`
	);
	console.log(
		table(
			[
				'cells',
				'seed updates',
				'seed sent',
				'all saved',
				'state size',
				'sync (in memory)',
				'sync (loaded from db)',
				'log rows left',
				'server RSS'
			],
			[
				[
					String(sync.cells),
					String(sync.updates),
					`${ms(sync.seedMs)} ms`,
					`${ms(sync.saveMs)} ms`,
					`${(sync.stateBytes / 1024 / 1024).toFixed(1)} MB`,
					`${ms(sync.warmMs)} ms`,
					`${ms(sync.coldMs)} ms`,
					String(sync.coldLogRows),
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
	for (const [i, count] of CLIENT_COUNTS.entries()) {
		const doc = `plan/${ready.planId}/step/${i + 1}`;
		process.stdout.write(`load: ${count} clients…\n`);
		results.push(await loadPhase(server, base, doc, ready.cookie, count));
	}
	let sync: SyncResult | null = null;
	if (PLAN_SYNC) {
		process.stdout.write('plan sync: seeding…\n');
		sync = await planSync(server, `${base}/plan/${ready.planId}/step/4`, ready.cookie);
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
			'lag: event-loop delay p99 in ms; all N clients share one process, PGlite runs on the server loop.',
			'lost: (client, edit) pairs missing at the end. unacked: edits never acknowledged as saved.'
		].join('\n')
	);
} finally {
	await server.stop();
}
