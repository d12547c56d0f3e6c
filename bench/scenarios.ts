/**
 * Scenarios on the 2,000-item × 36-month plan, on the collaboration server as it runs: creating
 * one (row + document open and synced by a browser), a lever over 20,000 cells (committed, and seen
 * by a second browser on the scenario), and merging a whole family back into the live plan (seen
 * by a browser on the plan). The reference in the same run: applying the same 20,000 cells to a
 * bare Yjs document, so a slow machine shows as a slow reference too.
 *
 *   node --import tsx bench/scenarios.ts
 */
import * as Y from 'yjs';
import { Worker } from 'node:worker_threads';
import { cellKey } from '../src/lib/domain/measures.ts';
import type { Lever } from '../src/lib/domain/scenario/levers.ts';
import { createSession, generateSessionToken } from '../src/lib/server/auth/session.ts';
import { insertScenario } from '../src/lib/server/scenarios.ts';
import type { ScenarioActor } from '../src/lib/sync/scenario-ops.ts';
import { BenchClient } from './bench-client.ts';
import { ITEMS_PER_FAMILY, MONTHS, seedLargePlan } from './browser-bench.ts';
import { median } from './measure.ts';
import type { WatchMessage, WatchTask } from './watch-worker.ts';
import { benchDb, collabOnLoopback, ms } from './measure.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
/** Months the whole-plan lever covers: 2,000 items × 10 months = 20,000 cells. */
const LEVER_MONTHS = 10;

const { db, label: database, dispose } = await benchDb();
console.log(`Seeding the large plan (${database})…`);
const { planId, userId, families, items, months } = await seedLargePlan(db);
// The bench user's session, as a signed-in browser presents it.
const token = generateSessionToken();
await createSession(db, token, userId);
const leader = { id: userId, name: 'Bench', cookie: `concord_session=${token}` };

const { collab, planUrl, close } = await collabOnLoopback({ flushIntervalMs: 50 });
const actor = (scenarioName: string): ScenarioActor => ({
	userId: leader.id,
	name: leader.name,
	scenarioSteps: [1, 2, 3],
	planSteps: [1, 2, 3, 4],
	manage: true,
	scenarioName
});
const lever = (over: Partial<Lever>): Lever => ({
	id: '',
	kind: 'percent',
	measure: 'consensus',
	scope: {},
	from: months[0],
	to: months[LEVER_MONTHS - 1],
	amount: 20,
	author: '',
	note: '',
	...over
});

/**
 * A browser on `url` in a worker thread (applying what it receives is its time, not the
 * server's); `reach(n)` resolves at the time its cells map first holds n entries.
 */
async function watcher(url: string) {
	const worker = new Worker(new URL('./watch-worker.mjs', import.meta.url), {
		workerData: { url, cookie: leader.cookie, browsers: 1, map: 'cells' } satisfies WatchTask
	});
	let size = 0;
	const waits: { n: number; resolve: (at: number) => void }[] = [];
	await new Promise<void>((ready) =>
		worker.on('message', (m: WatchMessage) => {
			if (m.type === 'ready') return ready();
			size = m.size;
			for (const w of waits.filter((w) => m.size >= w.n)) w.resolve(m.at);
		})
	);
	return {
		get size() {
			return size;
		},
		reach: (n: number) => new Promise<number>((resolve) => waits.push({ n, resolve })),
		stop: () => worker.terminate()
	};
}
const now = () => performance.timeOrigin + performance.now();

// A browser on the live plan's step 1, to see merges arrive.
const planWatcher = await watcher(`${planUrl(planId)}/step/1`);

const create: number[] = [];
const leverCommit: number[] = [];
const leverSeen: number[] = [];
const merge: number[] = [];
const mergeSeen: number[] = [];
const reference: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
	const name = `Round ${round}`;
	let started = performance.now();
	const id = await insertScenario(
		db,
		planId,
		{ name, description: '', visibility: 'plan' },
		null,
		leader.id
	);
	const url = `${planUrl(planId)}/scenario/${id}`;
	const editor = await BenchClient.connect(url, leader.cookie);
	await editor.synced();
	create.push(performance.now() - started);
	await editor.close();
	const scenarioWatcher = await watcher(url);

	const seen = scenarioWatcher.reach(items.length * LEVER_MONTHS);
	started = now();
	const applied = await collab.scenarioOp(planId, id, actor(name), {
		kind: 'lever',
		lever: lever({})
	});
	const committed = now();
	leverCommit.push(committed - started);
	leverSeen.push((await seen) - started);
	if (applied.kind !== 'lever' || applied.cells !== items.length * LEVER_MONTHS) {
		throw new Error(`The lever wrote ${JSON.stringify(applied)}`);
	}

	// Family F<round+1>: its items' consensus over the whole horizon, merged back whole.
	const family = families[round];
	await collab.scenarioOp(planId, id, actor(name), {
		kind: 'lever',
		lever: lever({ scope: { familyId: family.id }, from: months[0], to: months.at(-1)!, amount: 5 })
	});
	const familyCells = ITEMS_PER_FAMILY * MONTHS;
	const arrived = planWatcher.reach(planWatcher.size + familyCells);
	started = now();
	const merged = await collab.scenarioOp(planId, id, actor(name), {
		kind: 'merge',
		selection: { kind: 'families', familyIds: [family.id] },
		resolutions: [],
		promote: false,
		dryRun: false
	});
	merge.push(now() - started);
	mergeSeen.push((await arrived) - started);
	if (merged.kind !== 'merge' || merged.applied !== familyCells) {
		throw new Error(`The merge wrote ${JSON.stringify(merged)}`);
	}

	// The reference: the same 20,000 cells set on a bare Yjs document and encoded once.
	started = performance.now();
	const bare = new Y.Doc();
	const cells = bare.getMap<number>('cells');
	bare.transact(() => {
		for (const item of items) {
			for (const period of months.slice(0, LEVER_MONTHS))
				cells.set(cellKey(item.id, period, 'consensus'), 1);
		}
	});
	Y.encodeStateAsUpdate(bare);
	reference.push(performance.now() - started);
	await scenarioWatcher.stop();
}

const row = (label: string, xs: number[], target: string) =>
	console.log(
		`  ${label.padEnd(44)} median ${ms(median(xs))}  (runs ${xs.map(ms).join(', ')}; ${target})`
	);
console.log(
	`\nScenarios on ${items.length} items × ${MONTHS} months, ${database}, ${ROUNDS} rounds`
);
row('create + open + sync in a browser', create, 'target < 1 s');
row(
	`lever on ${(items.length * LEVER_MONTHS).toLocaleString('en')} cells: committed`,
	leverCommit,
	'target < 1 s'
);
row('  … seen by a second browser (from the start)', leverSeen, 'target: commit + 1 s');
row(`merge a family (${ITEMS_PER_FAMILY * MONTHS} cells): committed`, merge, 'target < 1 s');
row('  … seen by a browser on the plan', mergeSeen, 'from the start');
row('reference: 20,000 cells on a bare Yjs doc', reference, 'ratio below');
console.log(`  lever / reference: ${(median(leverCommit) / median(reference)).toFixed(1)}×`);

await planWatcher.stop();
await close();
await dispose();
