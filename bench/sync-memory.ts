/**
 * The first fresh sync of the large plan and the server's memory, on the production server
 * (`npm start` as a child process, `npm run build` first): a client with an empty document opens
 * both step documents of a plan that is not loaded (cold: read from the database), then again
 * while they are in memory (warm); the server's RSS idle on a first start, idle on a restart, and
 * what loading the plan adds, then a second one. Each memory figure is read twice: as found, and
 * right after a full garbage collection on every thread (through the inspector, `inspector-gc.ts`),
 * which says what the server holds whatever its last collection left. Each figure is the median of
 * BENCH_RUNS server starts (3). Loopback only.
 *
 *   node --import tsx bench/sync-memory.ts                                  (embedded PGlite)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/sync-memory.ts
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { stepDocument } from '../src/lib/domain/documents.ts';
import type { StepNumber } from '../src/lib/domain/roles.ts';
import { createWorkspace } from '../src/lib/server/workspaces.ts';
import { compactDocument, foldUpdates } from '../src/lib/server/yjs-store.ts';
import { signedInUser } from '../tests/helpers/fixtures.ts';
import { BenchClient } from './bench-client.ts';
import { DATABASE_LABEL, newStore, POSTGRES_URL, type Store } from './bench-store.ts';
import { collectGarbage } from './inspector-gc.ts';
import { median } from './measure.ts';
import { LARGE_PLAN, seedLargePlan } from './large-plan.ts';
import { cpuOf, rssOf } from './proc-stats.ts';
import { spawnServer } from './server-process.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = 4327;
const INSPECT_PORT = 9327;
/** The inspector, for the collections; its address goes to /json/list, not to the output. */
const INSPECT = [`--inspect=127.0.0.1:${INSPECT_PORT}`, '--inspect-publish-uid=http'];
/** How long a started server is left alone before its idle memory is read. */
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 10_000);
/** The plan's values live in these step documents. */
const STEPS: StepNumber[] = [1, 2];
const TARGETS = POSTGRES_URL
	? { coldMs: 300, idleMb: 120, planMb: 40 }
	: { coldMs: 300, idleMb: 250, planMb: 40 };

/** The server's RSS as found, and after a full collection. */
interface Memory {
	found: number;
	collected: number;
}

async function memoryOf(pid: number): Promise<Memory> {
	const found = rssOf(pid);
	await collectGarbage(INSPECT_PORT);
	// V8 hands the pages it freed back to the system on a background thread.
	await sleep(1000);
	return { found, collected: rssOf(pid) };
}

/**
 * Two large plans, each as a plan that has been open before: every step document one compacted
 * snapshot (seeding alone leaves one log row per document).
 */
async function seed(store: Store): Promise<{ planIds: string[]; cookie: string }> {
	const db = await store.open();
	const leader = await signedInUser(db, 'Bench Leader');
	const workspaceId = await createWorkspace(db, 'Bench', leader.id);
	const planIds: string[] = [];
	for (let i = 0; i < 2; i++) {
		const { largePlanId } = await seedLargePlan(db, workspaceId, leader.id);
		for (const step of STEPS) {
			const name = stepDocument(largePlanId, step);
			const [{ last }] = await db.query<{ last: string | number | null }>(
				`select max(id) as last from yjs_updates where doc = $1`,
				[name]
			);
			await compactDocument(db, name, Number(last ?? 0), async (snapshot, updates) =>
				foldUpdates(snapshot, updates)
			);
		}
		planIds.push(largePlanId);
	}
	await db.close();
	return { planIds, cookie: leader.cookie };
}

interface Sync {
	ms: number;
	/** The server's CPU time until every document was synced. */
	cpuMs: number;
}

/** A fresh client opening every step document of the plan at once, until all are synced. */
async function freshSync(pid: number, planId: string, cookie: string): Promise<Sync> {
	const cpu = cpuOf(pid);
	const started = performance.now();
	const clients = await Promise.all(
		STEPS.map((step) =>
			BenchClient.connect(`ws://127.0.0.1:${PORT}/collab/${stepDocument(planId, step)}`, cookie)
		)
	);
	const done = Math.max(...(await Promise.all(clients.map((c) => c.synced()))));
	const cpuMs = cpuOf(pid) - cpu;
	await Promise.all(clients.map((c) => c.close()));
	return { ms: done - started, cpuMs };
}

interface Run {
	idle: Memory;
	/** The first plan opened after the start, its code paths not yet compiled. */
	first: Sync;
	/** With the first plan loaded. */
	loaded: Memory;
	/** The second plan, opened while the server runs: the everyday fresh sync. */
	cold: Sync;
	warm: Sync;
	/** With both plans loaded: what a plan adds once the server has loaded one. */
	both: Memory;
}

/**
 * One server start on the seeded plans: idle memory, a first plan opened (memory with it loaded),
 * then another plan opened cold and again warm.
 */
async function planRun(store: Store, [first, second]: string[], cookie: string): Promise<Run> {
	const server = await spawnServer(PORT, { ...store.env, CONCORD_DEMO: 'off' }, INSPECT);
	try {
		await sleep(IDLE_MS);
		const idle = await memoryOf(server.pid);
		const firstSync = await freshSync(server.pid, first, cookie);
		// Well inside the 30 s after which an unused room is unloaded.
		await sleep(3000);
		const loaded = await memoryOf(server.pid);
		const cold = await freshSync(server.pid, second, cookie);
		// A cold client is answered from the stored snapshot while the server still builds the
		// document: the warm sync waits for the build, not to count its CPU time.
		await sleep(1000);
		const warm = await freshSync(server.pid, second, cookie);
		// The first plan is still loaded (its rooms unload 30 s after their last client).
		await sleep(3000);
		const both = await memoryOf(server.pid);
		return { idle, first: firstSync, loaded, cold, warm, both };
	} finally {
		await server.stop();
	}
}

/** RSS of a server started on empty data, as `npm start` runs the first time (demo data and all). */
async function firstStart(): Promise<Memory> {
	const store = await newStore();
	try {
		const server = await spawnServer(PORT, store.env, INSPECT);
		try {
			await sleep(IDLE_MS);
			return await memoryOf(server.pid);
		} finally {
			await server.stop();
		}
	} finally {
		await store.drop();
	}
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const msOf = (value: number) => `${value.toFixed(0)} ms`;

function table(rows: string[][]): string {
	const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
	return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n');
}

console.log(`database: ${DATABASE_LABEL}; ${RUNS} runs; idle = ${IDLE_MS / 1000} s after start`);
const firstStarts: Memory[] = [];
for (let i = 0; i < RUNS; i++) firstStarts.push(await firstStart());

const store = await newStore();
const runs: Run[] = [];
try {
	const { planIds, cookie } = await seed(store);
	for (let i = 0; i < RUNS; i++) runs.push(await planRun(store, planIds, cookie));
} finally {
	await store.drop();
}

const of = (pick: (run: Run) => number) => median(runs.map(pick));
/** Wall time (with its target) and the server's CPU time of one kind of sync. */
const syncRows = (label: string, pick: (run: Run) => Sync, target: string) => [
	[label, msOf(of((r) => pick(r).ms)), runs.map((r) => msOf(pick(r).ms)).join(', '), target],
	[
		'  server CPU time',
		msOf(of((r) => pick(r).cpuMs)),
		runs.map((r) => msOf(pick(r).cpuMs)).join(', '),
		''
	]
];
/** What `after` holds beyond `before`, as found and after a full collection. */
const added = (after: Memory, before: Memory): Memory => ({
	found: after.found - before.found,
	collected: after.collected - before.collected
});

/** A memory figure of each run, as found and after a full collection, with its target. */
function memoryRows(label: string, memories: Memory[], target: string): string[][] {
	return (['found', 'collected'] as const).map((kind) => {
		const each = memories.map((memory) => memory[kind]);
		return [
			kind === 'found' ? label : '  after a full garbage collection',
			mb(median(each)),
			each.map(mb).join(', '),
			target
		];
	});
}

const values = LARGE_PLAN.items * LARGE_PLAN.months * LARGE_PLAN.measures.length;
console.log(
	`\nLarge plan: ${LARGE_PLAN.items} items x ${LARGE_PLAN.months} months x ${LARGE_PLAN.measures.length} measures (${values} values), step documents ${STEPS.join(' and ')}`
);
console.log(
	table([
		['', 'median', 'runs', 'target'],
		...syncRows('first sync after a start, loaded from the database', (r) => r.first, ''),
		...syncRows('fresh sync, loaded from the database', (r) => r.cold, `<= ${TARGETS.coldMs} ms`),
		...syncRows('fresh sync, in memory', (r) => r.warm, ''),
		...memoryRows(
			'server RSS idle, first start (demo data)',
			firstStarts,
			`<= ${TARGETS.idleMb} MB`
		),
		...memoryRows(
			'server RSS idle, restart',
			runs.map((r) => r.idle),
			''
		),
		...memoryRows(
			'RSS added by loading the plan',
			runs.map((r) => added(r.loaded, r.idle)),
			`<= ${TARGETS.planMb} MB`
		),
		...memoryRows(
			'a second plan of the same size adds',
			runs.map((r) => added(r.both, r.loaded)),
			''
		)
	])
);
