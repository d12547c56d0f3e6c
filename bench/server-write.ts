/**
 * The door for server-side writes on a large plan that people have open: how long a baseline
 * refresh of every item (what import and the forecast will write) takes to be committed, and how
 * soon every open browser has it, beside the bare cost of applying the same change to a Yjs
 * document (the reference). Then small writes (one item's row) as an import of a few cells makes.
 *
 *   node --import tsx bench/server-write.ts
 */
import * as Y from 'yjs';
import { stepDocument } from '../src/lib/domain/documents.ts';
import { rowKey } from '../src/lib/domain/measures.ts';
import { getHierarchy } from '../src/lib/server/plans.ts';
import { applyStepWrite, type StepWrite } from '../src/lib/sync/server-write.ts';
import { planWithMembers, signedInUser } from '../tests/helpers/fixtures.ts';
import { BenchClient } from './bench-client.ts';
import { LARGE_PLAN, seedLargePlan } from './large-plan.ts';
import { benchDb, collabOnLoopback, ms, pct } from './measure.ts';

const BROWSERS = Number(process.env.BROWSERS ?? 10);
const ROUNDS = 5;
const SMALL_ROUNDS = 30;

// BENCH_DATABASE_URL compares against a Postgres server; the default is the embedded PGlite.
const { db, label: database, dispose } = await benchDb();
const leader = await signedInUser(db, 'Bench Leader');
const { workspaceId } = await planWithMembers(db, leader);
const { largePlanId: planId } = await seedLargePlan(db, workspaceId, leader.id);
const { items } = await getHierarchy(db, planId);
const step1 = stepDocument(planId, 1);
const { collab, planUrl, close } = await collabOnLoopback({ flushIntervalMs: 50 });

const browsers = await Promise.all(
	Array.from({ length: BROWSERS }, async () => {
		const client = await BenchClient.connect(`${planUrl(planId)}/step/1`, leader.cookie);
		await client.synced();
		return client;
	})
);

/** Resolves when every browser has seen `rows` base rows change. */
function everyBrowserHas(rows: number): Promise<number> {
	return Promise.all(
		browsers.map(
			(b) =>
				new Promise<number>((resolve) => {
					const base = b.doc.getMap('base');
					const seen = (event: Y.YMapEvent<unknown>) => {
						if (event.keysChanged.size < rows) return;
						base.unobserve(seen);
						resolve(performance.now());
					};
					base.observe(seen);
				})
		)
	).then((times) => Math.max(...times));
}

const baseline = (round: number, of: typeof items): StepWrite => ({
	base: of.map((item, i) => [
		rowKey(item.id, 'baseline'),
		Array.from({ length: LARGE_PLAN.months }, (_, m) => (i + m + round) % 500)
	])
});
const actor = { userId: leader.id, source: 'forecast' as const };

const reference: number[] = [];
const committed: number[] = [];
const delivered: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
	const write = baseline(round, items);
	const bare = new Y.Doc();
	let start = performance.now();
	applyStepWrite(bare, write, null);
	reference.push(performance.now() - start);
	bare.destroy();

	const everyone = everyBrowserHas(items.length);
	start = performance.now();
	await collab.write(step1, actor, write);
	committed.push(performance.now() - start);
	delivered.push((await everyone) - start);
}

const small: number[] = [];
for (let round = 1; round <= SMALL_ROUNDS; round++) {
	const start = performance.now();
	await collab.write(step1, actor, baseline(ROUNDS + round, items.slice(round, round + 1)));
	small.push(performance.now() - start);
}

const row = (what: string, values: number[]) =>
	`${what.padEnd(44)} p50 ${ms(pct(values, 50)).padStart(8)}  max ${ms(Math.max(...values)).padStart(8)}`;
console.log(
	`\nServer-side writes on a ${LARGE_PLAN.items}-item × ${LARGE_PLAN.months}-month plan with ${BROWSERS} browsers open (${database}):`
);
console.log(row('reference: apply to a bare Y.Doc', reference));
console.log(row(`baseline of ${items.length} items: committed`, committed));
console.log(row('baseline: every browser has it', delivered));
console.log(row('one item row: committed', small));
console.log(
	`ratio committed / reference (median): ${(pct(committed, 50) / pct(reference, 50)).toFixed(1)}×`
);

for (const b of browsers) await b.close();
await close();
await dispose();
