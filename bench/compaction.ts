/**
 * Compaction of a full-size plan's step document (its snapshot and a log of later edits folded
 * into a new snapshot) while the server relays edits: the longest the event loop is held up, with
 * the fold on the event loop (the reference, as compaction ran before) and on the worker thread
 * that rooms now use for large documents. Same database, same document, alternating, repeated.
 *
 *   node --import tsx bench/compaction.ts                 (PGlite in a worker, as npm start)
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/compaction.ts
 */
import * as Y from 'yjs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Folder } from '../server/collab/fold.ts';
import { stepDocument } from '../src/lib/domain/documents.ts';
import { appendUpdates } from '../src/lib/server/yjs-log.ts';
import { compactDocument, foldUpdates, loadDocument } from '../src/lib/server/yjs-store.ts';
import { planWithMembers, signedInUser } from '../tests/helpers/fixtures.ts';
import { seedLargePlan } from './large-plan.ts';
import { benchDb, median, ms } from './measure.ts';

const ROUNDS = 3;
/** Edits logged between compactions: one cell each, as people type. */
const EDITS = 2000;

const { db, label: database, dispose } = await benchDb();
const leader = await signedInUser(db, 'Bench Leader');
const { workspaceId } = await planWithMembers(db, leader);
const { largePlanId } = await seedLargePlan(db, workspaceId, leader.id);
const name = stepDocument(largePlanId, 1);
const doc = new Y.Doc();
await loadDocument(db, name, doc);
// The seeded values are rows of the `base` map; edits go to `cells`, as people's do.
const keys = [...doc.getMap('base').keys()];
const folder = new Folder();
const onLoop = (snapshot: Uint8Array | null, updates: Uint8Array[]) =>
	Promise.resolve(foldUpdates(snapshot, updates));

/** Logs EDITS edits, then compacts with `fold`: wall time and the event loop's longest delay. */
async function round(fold: typeof onLoop) {
	const updates: Uint8Array[] = [];
	const collect = (update: Uint8Array) => updates.push(update);
	doc.on('update', collect);
	for (let i = 0; i < EDITS; i++) doc.getMap('cells').set(keys[(i * 7919) % keys.length], i);
	doc.off('update', collect);
	const lastId = await appendUpdates(
		db,
		name,
		updates.map((update) => ({ update, userId: null }))
	);
	const delay = monitorEventLoopDelay({ resolution: 1 });
	delay.enable();
	const started = performance.now();
	const bytes = await compactDocument(db, name, lastId, fold);
	const wall = performance.now() - started;
	delay.disable();
	return { wall, stall: delay.max / 1e6, bytes };
}

const results = {
	loop: [] as number[],
	worker: [] as number[],
	wallLoop: [] as number[],
	wallWorker: [] as number[]
};
let bytes = 0;
for (let r = 0; r < ROUNDS; r++) {
	const a = await round(onLoop);
	const b = await round(folder.fold);
	results.loop.push(a.stall);
	results.wallLoop.push(a.wall);
	results.worker.push(b.stall);
	results.wallWorker.push(b.wall);
	bytes = b.bytes;
}
await folder.close();
await dispose();

console.log(
	`\nCompaction of a full plan's step 1 (${(bytes / 1024 / 1024).toFixed(1)} MB snapshot + ${EDITS} logged edits), ${database}; medians of ${ROUNDS}`
);
console.log(
	`  fold on the event loop (reference): longest event-loop stall ${ms(median(results.loop))}, compaction ${ms(median(results.wallLoop))}`
);
console.log(
	`  fold on the worker thread:          longest event-loop stall ${ms(median(results.worker))}, compaction ${ms(median(results.wallWorker))}  (${(median(results.worker) / median(results.loop)).toFixed(2)}× the reference's stall)`
);
