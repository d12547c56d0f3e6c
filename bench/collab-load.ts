/**
 * Load test of the collaboration server beside the bare y-websocket server: the same clients on
 * one step document (some of them typing), against Concord as users run it (the production
 * server, `npm run build` first: sign-in, guards, durable saves) and against @y/websocket-server
 * in memory, each in a process of its own that is restarted for every run, so that its CPU and
 * memory are its own (read from /proc). Then a fresh client syncing a full-size plan from
 * Concord. Loopback only; ends by itself.
 *
 *   node --import tsx bench/collab-load.ts
 *   BENCH_PHASES=50/20 BENCH_RUNS=1 BENCH_PLAN_SYNC=0 node --import tsx bench/collab-load.ts
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/collab-load.ts      (Postgres server)
 *   BENCH_SERVER_PROF=/tmp/prof node --import tsx bench/collab-load.ts          (CPU profiles)
 *   BENCH_WRITE_SECONDS=30 node --import tsx bench/collab-load.ts               (longer typing)
 *   BENCH_WARMUP_SECONDS=0 node --import tsx bench/collab-load.ts               (no warm-up)
 *   BENCH_SERVERS=concord node --import tsx bench/collab-load.ts                (Concord alone)
 *
 * Concord alone prints each run's figures beside their median. To compare two builds, run it with
 * BENCH_RUNS=1 from two folders in turn, each holding one build (and a link to node_modules).
 *
 * Each server is measured warm, as a server that has run for a while: the same clients type for
 * BENCH_WARMUP_SECONDS (30) first, at BENCH_WARMUP_SPEEDUP (3) times the rate where the clients
 * keep up. A fresh Concord spends its first minutes' other threads compiling: V8 tiers up its
 * JavaScript, and the embedded Postgres's WebAssembly, function by function as each gets hot, and
 * until then the database's thread runs its slower first-tier code. The measured typing lasts
 * BENCH_WRITE_SECONDS (20). Under typing that never pauses, the server compacts a document only
 * once its log is four times past due, which for the load plan's document takes longer than the
 * 54 s the plan's cells allow after the warm-up (BENCH_WRITE_SECONDS=54: no run of three here took
 * in a compaction). The table says how many runs did.
 */
import { fileURLToPath } from 'node:url';
import { stepDocument } from '../src/lib/domain/documents.ts';
import { THREAD_NAMES } from '../src/lib/server/thread-name.ts';
import { BEAT_MS } from '../server/collab/log-commits.ts';
import { BenchClient } from './bench-client.ts';
import { DATABASE_LABEL, newStore } from './bench-store.ts';
import { loadShapedKeys, seedLoadPlan, type LoadPlan } from './load-plan.ts';
import { runLoadWorkers, startLoadWorker, stopLoadWorkers } from './load-workers.ts';
import {
	cpuOf,
	mainThreadCpuOf,
	rssOf,
	threadCpuBetween,
	threadEnded,
	threadTimesOf,
	type ThreadTimes
} from './proc-stats.ts';
import { spawnServer, startNode, type ServerProcess } from './server-process.ts';
import { median } from './stats.ts';
import { textTable } from './text-table.ts';

/** clients/writers of each phase; the targets are set at 50/20, and 200/50 is measured. */
const PHASES = (process.env.BENCH_PHASES ?? '10/2,50/20,200/50').split(',').map((phase) => {
	const [clients, writers] = phase.split('/').map(Number);
	return { clients, writers };
});
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PLAN_SYNC = process.env.BENCH_PLAN_SYNC !== '0';
const EDITS_PER_SECOND = 5;
const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 30);
/**
 * The warm-up types this many times as fast where the clients keep up: compilers tier code up by
 * how much of it ran, not by how long, so it brings the server sooner to where it runs for hours.
 */
const WARMUP_SPEEDUP = Number(process.env.BENCH_WARMUP_SPEEDUP ?? 3);
/**
 * Deliveries a second the clients keep up with on this machine: 50/20 at three times the rate is
 * 14,700; 200/50 at its own rate, about 50,000, is already more than they do.
 */
const CLIENTS_KEEP_UP = 15_000;

/** Edits a second each writer types in the warm-up of `phase`. */
function warmupRate(phase: { clients: number; writers: number }): number {
	const deliveries = phase.writers * EDITS_PER_SECOND * (phase.clients - 1);
	const speedup = Math.min(WARMUP_SPEEDUP, Math.max(1, Math.floor(CLIENTS_KEEP_UP / deliveries)));
	return EDITS_PER_SECOND * speedup;
}
const DRAIN_TIMEOUT_MS = 20_000;
/** Writers' timers firing later than this (p99) mean the clients, not the server, set the pace. */
const GENERATOR_LATE_MS = 10;
/** Clients are shared between threads, so they use both cores. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

type ServerKind = 'concord' | 'bare';

/** The servers each run starts, in this order on odd runs and the reverse on even ones. */
const SERVERS = (process.env.BENCH_SERVERS ?? 'concord,bare').split(',').map((kind) => {
	if (kind !== 'concord' && kind !== 'bare') throw new Error(`BENCH_SERVERS: no server "${kind}"`);
	return kind as ServerKind;
});

/** Loopback ports of the two servers; a run stops its server before the next one starts. */
const PORTS: Record<ServerKind, number> = { concord: 4328, bare: 4329 };

/** A server of the bench, and what it serves. */
interface Running {
	child: ServerProcess;
	port: number;
	/** Concord's seeded plan; the bare server takes any document and any key. */
	plan: LoadPlan | null;
	stop(): Promise<void>;
}

/**
 * Concord as users run it (the production server on a database of its own, seeded first), or the
 * bare server; either in a process of its own, so that what it uses is its own.
 */
async function startServer(kind: ServerKind, people: number, large = false): Promise<Running> {
	const port = PORTS[kind];
	if (kind === 'bare') {
		const bare = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
		const child = await startNode(
			['--import', 'tsx', bare],
			{ PORT: String(port) },
			'bare y-websocket server listening'
		);
		return { child, port, plan: null, stop: () => child.stop() };
	}
	const store = await newStore();
	try {
		const db = await store.open();
		const plan = await seedLoadPlan(db, people, large).finally(() => db.close());
		const child = await spawnServer(port, { ...store.env, CONCORD_DEMO: 'off' });
		return { child, port, plan, stop: () => child.stop().finally(() => store.drop()) };
	} catch (error) {
		await store.drop();
		throw error;
	}
}

/** The server's CPU time (all threads, and of it the event loop's) and memory, from /proc. */
interface ServerSample {
	at: number;
	cpuMicros: number;
	loopCpuMicros: number;
	/** Every thread's, to tell the embedded database's and compaction's fold's apart. */
	threads: ThreadTimes;
	rss: number;
}

function sample(pid: number): ServerSample {
	return {
		at: performance.now(),
		cpuMicros: cpuOf(pid) * 1000,
		loopCpuMicros: mainThreadCpuOf(pid) * 1000,
		threads: threadTimesOf(pid),
		rss: rssOf(pid)
	};
}

interface LoadResult {
	p50: number;
	p95: number;
	p99: number;
	max: number;
	/** From an edit to its sender hearing it is saved (Concord only: the bare server saves nothing). */
	savedP50: number;
	savedP95: number;
	deliveredPerSecond: number;
	lost: number;
	unacked: number;
	/** Server CPU time per delivered (edit, receiving client) pair, in microseconds. */
	cpuPerDelivery: number;
	/** Of it, the event loop's (main thread) and the other threads', and of those two workers'. */
	loopCpuPerDelivery: number;
	otherCpuPerDelivery: number;
	databaseCpuPerDelivery: number;
	foldCpuPerDelivery: number;
	/** The fold's worker stopped (30 s without work) during the phase: its time is in "the rest". */
	foldEnded: boolean;
	serverCpu: number;
	idleRss: number;
	serverRss: number;
	clientCpu: number;
	clientLagP99: number;
	writeLateP99: number;
}

function percentile(sorted: Float64Array, p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One run of one phase against a freshly started server of `kind`. */
async function loadRun(
	kind: ServerKind,
	phase: { clients: number; writers: number }
): Promise<LoadResult> {
	const server = await startServer(kind, phase.clients);
	const { pid } = server.child;
	// The bare server takes any key: it writes the ones Concord's plan had, or keys of their shape.
	if (server.plan) keys = server.plan.loadKeys;
	else if (keys.length === 0) keys = loadShapedKeys();
	const cookies = server.plan?.cookies ?? [];
	try {
		const idle = sample(pid);
		const url = `ws://127.0.0.1:${server.port}/collab/${server.plan?.loadDoc ?? 'load'}`;
		const epoch = performance.timeOrigin + performance.now();
		const shares = Array.from({ length: Math.min(WORKERS, phase.clients) }, (_, k) => ({
			clients: Math.floor(phase.clients / WORKERS) + (k < phase.clients % WORKERS ? 1 : 0),
			writers: Math.floor(phase.writers / WORKERS) + (k < phase.writers % WORKERS ? 1 : 0)
		}));
		const warmRate = warmupRate(phase);
		const warmEdits = phase.writers * warmRate * WARMUP_SECONDS;
		const needed = warmEdits + phase.writers * EDITS_PER_SECOND * WRITE_SECONDS;
		if (needed > keys.length) throw new Error(`${needed} cells needed, ${keys.length} exist`);
		const sliceOf = <T>(list: T[], k: number, per: (share: (typeof shares)[number]) => number) => {
			const start = shares.slice(0, k).reduce((sum, share) => sum + per(share), 0);
			return list.slice(start, start + per(shares[k]));
		};
		/** The clients, connected, to type for `seconds`, each writer into its own of `cells`. */
		const connect = async (seconds: number, cells: string[], rate = EDITS_PER_SECOND) => {
			const perWriter = rate * seconds;
			const workers = shares.map((share, k) =>
				startLoadWorker({
					groups: [
						{
							url,
							clients: share.clients,
							cookies: sliceOf(cookies, k, (share) => share.clients),
							writers: share.writers,
							keys: sliceOf(cells, k, (share) => share.writers * perWriter),
							totalEdits: phase.writers * perWriter
						}
					],
					editsPerSecond: rate,
					writeSeconds: seconds,
					drainTimeoutMs: DRAIN_TIMEOUT_MS,
					acknowledges: kind === 'concord',
					epoch
				})
			);
			await Promise.all(workers.map((w) => w.ready));
			return workers;
		};
		let warmLoss = { lost: 0, unacked: 0 };
		if (WARMUP_SECONDS > 0) {
			const warming = await connect(WARMUP_SECONDS, keys.slice(0, warmEdits), warmRate);
			const start = performance.timeOrigin + performance.now() - epoch + 100;
			const warm = await runLoadWorkers(warming, start);
			await stopLoadWorkers(warming);
			warmLoss = {
				lost: warm.reduce((n, r) => n + r.lost, 0),
				unacked: warm.reduce((n, r) => n + r.unacked, 0)
			};
		}
		const workers = await connect(WRITE_SECONDS, keys.slice(warmEdits));

		const before = sample(pid);
		const clientCpuBefore = process.cpuUsage();
		let peakRss = before.rss;
		const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(pid))), 1000);
		const started = performance.timeOrigin + performance.now() - epoch;
		const results = await runLoadWorkers(workers, started + 100);
		const delivered = performance.timeOrigin + performance.now() - epoch;
		clearInterval(sampler);
		const after = sample(pid);
		peakRss = Math.max(peakRss, after.rss);
		const clientCpu = process.cpuUsage(clientCpuBefore);
		const wallMicros = (after.at - before.at) * 1000;
		await stopLoadWorkers(workers);

		const all = new Float64Array(results.reduce((n, r) => n + r.latencies.length, 0));
		let offset = 0;
		for (const r of results) {
			all.set(r.latencies, offset);
			offset += r.latencies.length;
		}
		const sorted = all.sort();
		const saves = Float64Array.from(results.flatMap((r) => [...r.saves])).sort();
		const serverCpuMicros = after.cpuMicros - before.cpuMicros;
		const loopCpuMicros = after.loopCpuMicros - before.loopCpuMicros;
		const perDelivery = (micros: number) => micros / Math.max(1, sorted.length);
		return {
			p50: percentile(sorted, 50),
			p95: percentile(sorted, 95),
			p99: percentile(sorted, 99),
			max: sorted.length ? sorted[sorted.length - 1] : NaN,
			savedP50: percentile(saves, 50),
			savedP95: percentile(saves, 95),
			deliveredPerSecond: sorted.length / ((delivered - started) / 1000),
			// Edits of the warm-up lost or never saved count too: they are as much the server's.
			lost: warmLoss.lost + results.reduce((n, r) => n + r.lost, 0),
			unacked: warmLoss.unacked + results.reduce((n, r) => n + r.unacked, 0),
			cpuPerDelivery: perDelivery(serverCpuMicros),
			loopCpuPerDelivery: perDelivery(loopCpuMicros),
			otherCpuPerDelivery: perDelivery(serverCpuMicros - loopCpuMicros),
			databaseCpuPerDelivery: perDelivery(
				threadCpuBetween(before.threads, after.threads, THREAD_NAMES.database) * 1000
			),
			foldCpuPerDelivery: perDelivery(
				threadCpuBetween(before.threads, after.threads, THREAD_NAMES.fold) * 1000
			),
			foldEnded: threadEnded(before.threads, after.threads, THREAD_NAMES.fold),
			serverCpu: serverCpuMicros / wallMicros,
			idleRss: idle.rss,
			serverRss: peakRss,
			clientCpu: (clientCpu.user + clientCpu.system) / wallMicros,
			clientLagP99: Math.max(...results.map((r) => r.lagP99Ms)),
			writeLateP99: Math.max(...results.map((r) => r.writeLateP99Ms))
		};
	} finally {
		await server.stop();
	}
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
async function planSync(): Promise<SyncResult> {
	const server = await startServer('concord', 1, true);
	const plan = server.plan!;
	try {
		const docs = ([1, 2] as const).map(
			(step) => `ws://127.0.0.1:${server.port}/collab/${stepDocument(plan.largePlanId!, step)}`
		);
		const open = async () => {
			const started = performance.now();
			const clients = await Promise.all(docs.map((url) => BenchClient.connect(url, plan.cookie)));
			const done = Math.max(...(await Promise.all(clients.map((c) => c.synced()))));
			const bytes = clients.reduce((sum, c) => sum + c.syncBytes, 0);
			await Promise.all(clients.map((c) => c.close()));
			return { ms: done - started, bytes };
		};
		const cold = await open();
		const warm = await open();
		return {
			cells: plan.cells ?? 0,
			stateBytes: warm.bytes,
			coldMs: cold.ms,
			warmMs: warm.ms,
			serverRss: rssOf(server.child.pid)
		};
	} finally {
		await server.stop();
	}
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '-');
const micros = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} µs` : '-');
const mb = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MB`;
const pct = (v: number) => `${(v * 100).toFixed(0)}%`;
const count = (v: number) => (Number.isFinite(v) ? String(v) : '-');

/** Rows of the comparison: a figure, how it prints, and the target of its Concord/bare ratio. */
const FIGURES: [
	label: string,
	of: (r: LoadResult) => number,
	show: (v: number) => string,
	target?: number
][] = [
	['latency p50', (r) => r.p50, ms, 1],
	['latency p95', (r) => r.p95, ms, 1],
	['latency p99', (r) => r.p99, ms, 1],
	['latency max', (r) => r.max, ms],
	['edit → saved p50 (acknowledged)', (r) => r.savedP50, ms],
	['edit → saved p95', (r) => r.savedP95, ms],
	['delivered/s', (r) => r.deliveredPerSecond, (v) => v.toFixed(0)],
	['server CPU per delivered edit', (r) => r.cpuPerDelivery, micros, 1.2],
	['  of it, the event loop', (r) => r.loopCpuPerDelivery, micros],
	['  of it, other threads', (r) => r.otherCpuPerDelivery, micros],
	["    of those, the embedded database's", (r) => r.databaseCpuPerDelivery, micros],
	["    of those, compaction's fold", (r) => r.foldCpuPerDelivery, micros],
	[
		'    of those, the rest (V8, libuv)',
		(r) => r.otherCpuPerDelivery - r.databaseCpuPerDelivery - r.foldCpuPerDelivery,
		micros
	],
	['server CPU (one core = 100%)', (r) => r.serverCpu, pct],
	['server RSS idle', (r) => r.idleRss, mb],
	['server RSS peak', (r) => r.serverRss, mb],
	['lost deliveries', (r) => r.lost, count],
	['edits never acknowledged as saved', (r) => r.unacked, count],
	['client CPU (all client threads)', (r) => r.clientCpu, pct],
	['client event-loop lag p99', (r) => r.clientLagP99, ms],
	['writers late p99 (generator)', (r) => r.writeLateP99, ms]
];

function printPhase(
	phase: { clients: number; writers: number },
	runs: Record<ServerKind, LoadResult[]>
): void {
	const edits = phase.writers * EDITS_PER_SECOND * WRITE_SECONDS;
	const warmed =
		WARMUP_SECONDS > 0
			? `, after ${WARMUP_SECONDS} s of the same at ${warmupRate(phase)} edits/s to warm up`
			: '';
	console.log(
		`\n${phase.clients} clients, ${phase.writers} writers at ${EDITS_PER_SECOND} edits/s for ${WRITE_SECONDS} s (${edits} edits${warmed}); Concord (the production server) on ${DATABASE_LABEL}; medians of ${RUNS} runs, servers restarted per run`
	);
	if (runs.concord.length > 0 && runs.bare.length > 0) printComparison(runs);
	else printRuns(runs);
	// Under unbroken typing a document is compacted only when its log is four times past due, so a
	// phase may or may not take in a compaction: say how many did (documents over 256 KB fold on
	// the worker).
	if (runs.concord.length > 0) {
		const folded = runs.concord.filter((r) => r.foldCpuPerDelivery > 0).length;
		const ended = runs.concord.some((r) => r.foldEnded)
			? `; the fold's worker stopped (30 s without work) during a phase, and its work before that counts in "the rest"`
			: '';
		console.log(
			`  compaction's fold ran in ${folded} of Concord's ${runs.concord.length} runs${ended}`
		);
	}
	const late = Math.max(...[...runs.concord, ...runs.bare].map((r) => r.writeLateP99));
	if (late > GENERATOR_LATE_MS) {
		console.log(
			`  note: the clients fell behind (writers' timers up to ${late.toFixed(0)} ms late): the generator, not only the server, limits this phase`
		);
	}
}

/**
 * Concord's medians beside the bare server's, and their ratio against the targets. Beside each
 * target's ratio, the ratios of the runs taken side by side (run k of each, one after the other):
 * how far they spread says whether a miss is larger than the machine's noise.
 */
function printComparison(runs: Record<ServerKind, LoadResult[]>): void {
	const rows = FIGURES.map(([label, of, show, target]) => {
		const concord = median(runs.concord.map(of));
		const bare = median(runs.bare.map(of));
		const ratio = concord / bare;
		const paired = runs.concord.map((run, k) => of(run) / of(runs.bare[k]));
		return [
			label,
			show(concord),
			show(bare),
			target && Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '',
			target ? `≤ ${target.toFixed(1)}×${ratio <= target ? '' : '  MISSED'}` : '',
			target ? paired.map((r) => r.toFixed(2)).join(', ') : ''
		];
	});
	console.log(textTable(['', 'Concord', 'bare y-websocket', 'ratio', 'target', 'each run'], rows));
}

/** One server's runs side by side with their median: no ratio without the other server. */
function printRuns(runs: Record<ServerKind, LoadResult[]>): void {
	const [kind, results] = Object.entries(runs).find(([, r]) => r.length > 0)!;
	const rows = FIGURES.map(([label, of, show]) => [
		label,
		...results.map((r) => show(of(r))),
		show(median(results.map(of)))
	]);
	const name = kind === 'bare' ? 'bare y-websocket' : 'Concord';
	const headers = ['', ...results.map((_, i) => `${name}, run ${i + 1}`), 'median'];
	console.log(textTable(headers, rows));
}

let keys: string[] = [];
const phaseResults: { phase: (typeof PHASES)[number]; runs: Record<ServerKind, LoadResult[]> }[] =
	[];
for (const phase of PHASES) {
	const runs: Record<ServerKind, LoadResult[]> = { concord: [], bare: [] };
	for (let run = 1; run <= RUNS; run++) {
		// Alternating which goes first spreads the machine's drift over both.
		const order = run % 2 ? SERVERS : [...SERVERS].reverse();
		for (const kind of order) {
			process.stdout.write(`load ${phase.clients}/${phase.writers}, run ${run}, ${kind}…\n`);
			const result = await loadRun(kind, phase);
			runs[kind].push(result);
			// Each run's own figures, so that drift over the bench (or one server's order) shows.
			const { p50, p95, p99, cpuPerDelivery } = result;
			const latency = [p50, p95, p99].map((v) => v.toFixed(1)).join(' / ');
			console.log(`  p50 / p95 / p99 ${latency} ms, CPU ${micros(cpuPerDelivery)} per delivery`);
		}
	}
	phaseResults.push({ phase, runs });
}
const sync = PLAN_SYNC ? (process.stdout.write('plan sync…\n'), await planSync()) : null;

for (const { phase, runs } of phaseResults) printPhase(phase, runs);
if (sync) {
	console.log(
		`\nFresh client sync of the large plan (2,000 items x 36 months x 6 measures), the first thing a freshly started server does (bench/sync-memory.ts measures it on a server that has run)`
	);
	console.log(
		textTable(
			['values', 'state size', 'sync (loaded from db)', 'sync (in memory)', 'server RSS'],
			[
				[
					String(sync.cells),
					`${(sync.stateBytes / 1024 / 1024).toFixed(1)} MB`,
					ms(sync.coldMs),
					ms(sync.warmMs),
					mb(sync.serverRss)
				]
			]
		)
	);
}
console.log(
	[
		'',
		`latency: from an edit to each other client. saved: from an edit to its sender hearing it is in Postgres (edits are logged on one beat, at most one every ${BEAT_MS} ms). CPU: share of one core over the phase.`,
		"CPU per delivered edit: the server process's, all threads; the event loop relays, the other threads are Concord's workers (the embedded database's and compaction's fold, shown apart by the names the server gives them) and, in both servers, V8's compilers and garbage collector.",
		"Both servers are fed by the same clients (bench/load-client.ts, two threads); the bare server echoes a writer's edits back to it, which is not counted.",
		'lost: (client, edit) pairs missing at the end.'
	].join('\n')
);
