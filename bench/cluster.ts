/**
 * Concord as a cluster: three processes behind HAProxy (deploy/haproxy.cfg) with Redis and the
 * machine's Postgres, started from build/ by the cluster tests' harness, against the same load on
 * one process behind HAProxy. Then failover times over repeated SIGKILLs, and memory: an idle
 * process, and one with a 2,000-item plan loaded.
 *
 *   npm run build && node --import tsx bench/cluster.ts
 *   BENCH_PLANS=30 BENCH_CLIENTS=10 BENCH_KILLS=3 node --import tsx bench/cluster.ts    (quick)
 *
 * Load: BENCH_PLANS plans × BENCH_CLIENTS clients, 2 of them writing 2 edits/s each for
 * BENCH_SECONDS; latency from an edit to every other client of its plan. The clients run in two
 * worker threads of this process (bench/load-worker.ts); their timers running late means the
 * generator, not Concord, set the pace, and the output says so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { cellKey } from '../src/lib/domain/measures.ts';
import { periods } from '../src/lib/domain/periods.ts';
import { createPlan, getHierarchy } from '../src/lib/server/plans.ts';
import { createWorkspace } from '../src/lib/server/workspaces.ts';
import { salesEditors, sampleFamilies, signedInUser } from '../tests/helpers/fixtures.ts';
import { Cluster } from '../tests/cluster/harness.ts';
import { Editor } from '../tests/cluster/editor.ts';
import { sleep, until } from '../scripts/cluster-processes.ts';
import { LoadClient } from './load-client.ts';
import { LARGE_PLAN, seedLargePlan } from './large-plan.ts';
import { median, pct } from './stats.ts';
import { runLoadWorkers, startLoadWorker, stopLoadWorkers } from './load-workers.ts';
import type { LoadGroup, WorkerTask } from './load-worker.ts';

const PLANS = Number(process.env.BENCH_PLANS ?? 300);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10);
const WRITERS = 2;
const EDITS_PER_SECOND = 2;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const KILLS = Number(process.env.BENCH_KILLS ?? 10);
const WORKERS = 2;
const EDITS_PER_WRITER = EDITS_PER_SECOND * SECONDS;
const GENERATOR_LATE_MS = 10;
const MONTHS = periods('2027-01', 12);
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) and resident memory of a process, from /proc; NaN for a process that
 * has exited (a zombie has no VmRSS, a reaped one no /proc entry).
 */
function procSample(pid: number): { cpu: number; rss: number } {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const cpu = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
		const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return rss ? { cpu, rss: Number(rss[1]) * 1024 } : { cpu: NaN, rss: NaN };
	} catch {
		return { cpu: NaN, rss: NaN };
	}
}

/**
 * CPU seconds of every process named `command` so far, per pid (the Postgres server runs one
 * process per connection).
 */
function commandCpu(command: string): Map<number, number> {
	const cpu = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== command) continue;
			cpu.set(Number(entry), procSample(Number(entry)).cpu);
		} catch {
			// Exited meanwhile.
		}
	}
	return cpu;
}

/** CPU seconds `command`'s processes used between two samples (new ones count from their start). */
function commandCpuSince(before: Map<number, number>, after: Map<number, number>): number {
	let used = 0;
	for (const [pid, cpu] of after) if (!Number.isNaN(cpu)) used += cpu - (before.get(pid) ?? 0);
	return used;
}

/** The machine's busy and total CPU time so far (all cores, in clock ticks). */
function machineTicks(): { busy: number; total: number } {
	const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
	const ticks = fields.map(Number);
	const total = ticks.reduce((sum, t) => sum + t, 0);
	// idle and iowait
	return { busy: total - ticks[3] - ticks[4], total };
}

/** A plan over the bench's months with one family of `items` items, led by `leaderId`. */
function benchPlan(
	cluster: Cluster,
	workspaceId: string,
	leaderId: string,
	name: string,
	items: number
): Promise<string> {
	return createPlan(
		cluster.db,
		{
			workspaceId,
			name,
			startMonth: MONTHS[0],
			horizon: MONTHS.length,
			families: sampleFamilies(1, items)
		},
		leaderId
	);
}

/** PLANS plans with CLIENTS sales editors each; each plan's writers get distinct cells. */
type SeededPlan = Omit<LoadGroup, 'url'> & { planId: string };

async function seedLoad(cluster: Cluster): Promise<SeededPlan[]> {
	const leader = await signedInUser(cluster.db, 'Bench Leader');
	const workspaceId = await createWorkspace(cluster.db, 'Bench', leader.id);
	const groups: SeededPlan[] = [];
	for (let p = 0; p < PLANS; p++) {
		const planId = await benchPlan(cluster, workspaceId, leader.id, `Load ${p}`, 10);
		const { items } = await getHierarchy(cluster.db, planId);
		const keys = items.flatMap((item) =>
			MONTHS.flatMap((month) =>
				['forecast', 'marketing', 'consensus'].map((m) => cellKey(item.id, month, m))
			)
		);
		if (keys.length < WRITERS * EDITS_PER_WRITER) throw new Error('BENCH_SECONDS too long');
		const people = await salesEditors(
			cluster.db,
			{ workspaceId, planId, leaderId: leader.id },
			CLIENTS
		);
		groups.push({
			planId,
			clients: CLIENTS,
			cookies: people.map((person) => person.cookie),
			writers: WRITERS,
			keys,
			totalEdits: WRITERS * EDITS_PER_WRITER
		});
	}
	return groups;
}

interface LoadFigures {
	p50: number;
	p95: number;
	p99: number;
	deliveredPerSecond: number;
	lost: number;
	unacked: number;
	/** Per process; NaN for one that exited during the load (its output says why). */
	processes: { cpu: number; rss: number }[];
	haproxyCpu: number;
	postgresCpu: number;
	/** Share of all the machine's cores busy (anything at all, the kernel's network work too). */
	machineBusy: number;
	generatorCpu: number;
	writeLateP99: number;
}

async function load(processes: number): Promise<LoadFigures> {
	const cluster = await Cluster.start({ processes });
	try {
		process.stdout.write(`${processes} process(es): seeding ${PLANS} plans…\n`);
		const seeded = await seedLoad(cluster);
		const epoch = performance.timeOrigin + performance.now();
		const workers = Array.from({ length: WORKERS }, (_, k) => {
			const groups = seeded
				.filter((_, p) => p % WORKERS === k)
				.map(({ planId, ...group }) => ({
					...group,
					url: `ws://127.0.0.1:${cluster.haproxy.port}/collab/plan/${planId}/step/1`
				}));
			const task: WorkerTask = {
				groups,
				editsPerSecond: EDITS_PER_SECOND,
				writeSeconds: SECONDS,
				drainTimeoutMs: 20_000,
				acknowledges: true,
				epoch
			};
			return startLoadWorker(task);
		});
		process.stdout.write(`${processes} process(es): connecting ${PLANS * CLIENTS} clients…\n`);
		await Promise.all(workers.map((w) => w.ready));
		const pids = cluster.nodes.map((n) => n!.pid);
		const before = pids.map(procSample);
		const haproxyBefore = procSample(cluster.haproxy.pid);
		const postgresBefore = commandCpu('postgres');
		const machineBefore = machineTicks();
		const generatorBefore = process.cpuUsage();
		const peakRss = before.map((s) => s.rss);
		const sampler = setInterval(() => {
			pids.forEach((pid, i) => (peakRss[i] = Math.max(peakRss[i], procSample(pid).rss || 0)));
		}, 1000);
		const startedAt = performance.timeOrigin + performance.now() - epoch;
		const t0 = performance.now();
		process.stdout.write(`${processes} process(es): writing for ${SECONDS} s…\n`);
		const results = await runLoadWorkers(workers, startedAt + 200);
		const wall = (performance.now() - t0) / 1000;
		clearInterval(sampler);
		const after = pids.map(procSample);
		const haproxyAfter = procSample(cluster.haproxy.pid);
		const postgresUsed = commandCpuSince(postgresBefore, commandCpu('postgres'));
		const machineAfter = machineTicks();
		const generator = process.cpuUsage(generatorBefore);
		await stopLoadWorkers(workers);
		for (const [i, node] of cluster.nodes.entries()) {
			if (node && node.child.exitCode === null && node.child.signalCode === null) continue;
			console.log(`concord${i + 1} exited during the load:\n${node?.output.slice(-30).join('\n')}`);
		}
		const latencies = results.flatMap((r) => [...r.latencies]);
		return {
			p50: pct(latencies, 50),
			p95: pct(latencies, 95),
			p99: pct(latencies, 99),
			deliveredPerSecond: latencies.length / wall,
			lost: results.reduce((n, r) => n + r.lost, 0),
			unacked: results.reduce((n, r) => n + r.unacked, 0),
			processes: after.map((s, i) => ({
				cpu: (s.cpu - before[i].cpu) / wall,
				rss: Number.isNaN(s.rss) ? NaN : Math.max(peakRss[i], s.rss)
			})),
			haproxyCpu: (haproxyAfter.cpu - haproxyBefore.cpu) / wall,
			postgresCpu: postgresUsed / wall,
			machineBusy:
				(machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
			generatorCpu: (generator.user + generator.system) / 1e6 / wall,
			writeLateP99: Math.max(...results.map((r) => r.writeLateP99Ms))
		};
	} catch (error) {
		// Servers HAProxy took out of rotation, and why.
		console.error(cluster.haproxy.output.slice(-20).join('\n'));
		throw error;
	} finally {
		await cluster.stop();
	}
}

/**
 * Failover: a plan's clients (real y-websocket providers) on its process; SIGKILL it and time until
 * every client is synced again on another; restart it before the next kill.
 */
async function failover(): Promise<{ times: number[]; failed: number }> {
	const cluster = await Cluster.start();
	const times: number[] = [];
	let failed = 0;
	try {
		const leader = await signedInUser(cluster.db, 'Failover Leader');
		const workspaceId = await createWorkspace(cluster.db, 'Failover', leader.id);
		for (let k = 0; k < KILLS; k++) {
			const planId = await benchPlan(cluster, workspaceId, leader.id, `Failover ${k}`, 1);
			const people = await salesEditors(
				cluster.db,
				{ workspaceId, planId, leaderId: leader.id },
				CLIENTS
			);
			const editors = people.map(
				(p) => new Editor(cluster.collabUrl, `plan/${planId}/step/1`, p.cookie)
			);
			await until(() => editors.every((e) => e.synced), 'clients synced', 30_000);
			const owner = await cluster.nodeOf(planId);
			await cluster.kill(owner, 'SIGKILL');
			const killedAt = performance.now();
			const back = await until(
				() => editors.every((e) => e.synced && e.resyncedAt > killedAt),
				'clients synced again',
				30_000
			).then(
				() => true,
				() => false
			);
			if (back) times.push(Math.max(...editors.map((e) => e.resyncedAt)) - killedAt);
			else failed++;
			for (const e of editors) e.destroy();
			await cluster.restart(owner);
			await cluster.waitServer(owner, 'UP');
			process.stdout.write(
				`kill ${k + 1}/${KILLS}: ${back ? `${times.at(-1)!.toFixed(0)} ms` : 'not back in 30 s'}\n`
			);
		}
	} finally {
		await cluster.stop();
	}
	return { times, failed };
}

/** RSS of an idle process, and of the process serving a 2,000-item plan that a client opened. */
async function memory(): Promise<{ idle: number; loaded: number; loadMs: number }> {
	const cluster = await Cluster.start({ processes: 1 });
	try {
		const leader = await signedInUser(cluster.db, 'Memory Leader');
		const workspaceId = await createWorkspace(cluster.db, 'Memory', leader.id);
		const { largePlanId } = await seedLargePlan(cluster.db, workspaceId, leader.id);
		const pid = cluster.nodes[0]!.pid;
		await sleep(2000);
		const idle = procSample(pid).rss;
		const started = performance.now();
		const now = () => performance.now();
		const clients = await Promise.all(
			[1, 2, 3].map((step) =>
				LoadClient.connect(
					`${cluster.collabUrl}/plan/${largePlanId}/step/${step}`,
					leader.cookie,
					now
				)
			)
		);
		await Promise.all(clients.map((c) => c.ready));
		const loadMs = performance.now() - started;
		await sleep(2000);
		const loaded = procSample(pid).rss;
		await Promise.all(clients.map((c) => c.close()));
		return { idle, loaded, loadMs };
	} finally {
		await cluster.stop();
	}
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '-');
const mb = (v: number) => (Number.isNaN(v) ? 'exited' : `${(v / 1024 / 1024).toFixed(0)} MB`);
const share = (v: number) => (Number.isNaN(v) ? 'exited' : `${(v * 100).toFixed(0)}%`);

const three = await load(3);
const one = await load(1);
const kills = KILLS > 0 ? await failover() : null;
const mem = await memory();

console.log(
	`\n${PLANS} plans × ${CLIENTS} clients (${WRITERS} writers at ${EDITS_PER_SECOND} edits/s for ${SECONDS} s each), HAProxy in front, Postgres server, ${WORKERS} client threads in this process`
);
const rows: [string, (f: LoadFigures) => string][] = [
	['latency p50 (edit → each other client)', (f) => ms(f.p50)],
	['latency p95', (f) => ms(f.p95)],
	['latency p99 (target < 50 ms)', (f) => ms(f.p99)],
	['delivered edits/s', (f) => f.deliveredPerSecond.toFixed(0)],
	['lost deliveries', (f) => String(f.lost)],
	['edits never acknowledged as saved', (f) => String(f.unacked)],
	[
		'Concord CPU per process (one core = 100%)',
		(f) => f.processes.map((p) => share(p.cpu)).join(' / ')
	],
	['Concord RSS per process (peak)', (f) => f.processes.map((p) => mb(p.rss)).join(' / ')],
	['HAProxy CPU', (f) => share(f.haproxyCpu)],
	['Postgres server CPU (all its processes)', (f) => share(f.postgresCpu)],
	['load generator CPU (this process)', (f) => share(f.generatorCpu)],
	['writers late p99 (generator)', (f) => ms(f.writeLateP99)],
	[
		`machine CPU busy (all ${availableParallelism()} cores)`,
		(f) => `${(f.machineBusy * 100).toFixed(0)}%`
	]
];
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`${''.padEnd(width)}  ${'3 processes'.padStart(24)}  ${'1 process'.padStart(12)}`);
for (const [label, show] of rows) {
	console.log(`${label.padEnd(width)}  ${show(three).padStart(24)}  ${show(one).padStart(12)}`);
}
for (const [name, f] of [
	['3 processes', three],
	['1 process', one]
] as const) {
	if (f.writeLateP99 > GENERATOR_LATE_MS || f.generatorCpu > 0.8) {
		console.log(
			`  note (${name}): the generator is a bottleneck (its timers up to ${f.writeLateP99.toFixed(0)} ms late, ${share(f.generatorCpu)} CPU on a ${availableParallelism()}-core machine shared with the servers)`
		);
	}
}
if (kills) {
	console.log(
		`\nFailover (SIGKILL of the plan's process → all ${CLIENTS} clients synced on another), ${kills.times.length} of ${KILLS} kills: p50 ${ms(median(kills.times))}, p99 ${ms(pct(kills.times, 99))}, max ${ms(Math.max(...kills.times))}${kills.failed ? `; ${kills.failed} not back within 30 s` : ''}`
	);
}
console.log(
	`\nMemory: idle process ${mb(mem.idle)} RSS (target < 150 MB); with the ${LARGE_PLAN.items.toLocaleString('en')}-item plan (${LARGE_PLAN.months} months × ${LARGE_PLAN.measures.length} measures) loaded ${mb(mem.loaded)} RSS, +${mb(mem.loaded - mem.idle)} for the plan (target < 150 MB); loaded in ${ms(mem.loadMs)}`
);
