/**
 * The cycle's decision mechanics on a large plan: how long a sign-off, the lock, a withdrawal on
 * edit, executive approval (saving every value of the plan as a version) and starting the next
 * cycle take, and how soon every open browser hears of a change. One process: the database
 * (in-memory PGlite, or BENCH_DATABASE_URL), the collaboration server and BROWSERS clients.
 *
 *   node --import tsx bench/cycle.ts
 */
import { readCycleView, reopen, signOff } from '../src/lib/server/cycle.ts';
import { copyToNextCycle } from '../src/lib/server/next-cycle.ts';
import { addMember } from '../src/lib/server/workspaces.ts';
import { getHierarchy, setPlanRole } from '../src/lib/server/plans.ts';
import { cellKey } from '../src/lib/domain/measures.ts';
import {
	cycleActor,
	planWithMembers,
	signedInUser,
	type TestUser
} from '../tests/helpers/fixtures.ts';
import type { Signer } from '../src/lib/domain/cycle.ts';
import type { BusinessFunction, StepNumber } from '../src/lib/domain/roles.ts';
import { BenchClient } from './bench-client.ts';
import { LARGE_PLAN, seedLargePlan } from './large-plan.ts';
import { benchDb, collabOnLoopback, metaBrowsers, ms, pct, waitForNotices } from './measure.ts';

const BROWSERS = Number(process.env.BROWSERS ?? 30);
const ROUNDS = 5;

// BENCH_DATABASE_URL compares against a Postgres server; the default is the embedded PGlite.
const { db, label: database, dispose } = await benchDb();

const leader = await signedInUser(db, 'Bench Leader');
const people: Record<BusinessFunction, TestUser> = {
	sales: await signedInUser(db, 'Bench Sales'),
	operations: await signedInUser(db, 'Bench Operations'),
	finance: await signedInUser(db, 'Bench Finance')
};
const { workspaceId } = await planWithMembers(db, leader);
const seedStart = performance.now();
const { largePlanId: planId, cells } = await seedLargePlan(db, workspaceId, leader.id, [
	'baseline',
	'forecast',
	'consensus',
	'production',
	'receipts',
	'safety',
	'price',
	'cost'
]);
const firstItem = (await getHierarchy(db, planId)).items[0].id;
for (const [fn, user] of Object.entries(people)) {
	await addMember(db, workspaceId, user.id, fn as BusinessFunction);
	await setPlanRole(db, planId, user.id, 'editor');
}
console.log(
	`Plan: ${LARGE_PLAN.items} items × ${LARGE_PLAN.months} months, ${cells.toLocaleString()} values (seeded in ${ms(performance.now() - seedStart)}); database: ${database}`
);

const { collab, planUrl, close } = await collabOnLoopback({ flushIntervalMs: 50 });
const base = planUrl(planId);
// Browsers of the plan on its meta document, and one seller editing step 1.
const browsers = await metaBrowsers(base, leader.cookie, BROWSERS);
const seller = await BenchClient.connect(`${base}/step/1`, people.sales.cookie);
const syncStart = performance.now();
await seller.synced();
console.log(
	`${BROWSERS} browsers connected; step 1 synced in ${ms(performance.now() - syncStart)}`
);

const actor = (user: TestUser) => cycleActor(db, planId, user);

/** One cycle change as the HTTP action runs it; returns its own time and the time to notify. */
async function timed(run: () => Promise<unknown>): Promise<{ action: number; notified: number }> {
	const notified = waitForNotices(browsers, 'cycle');
	const start = performance.now();
	await collab.cycleChange(planId, run);
	const done = performance.now();
	return { action: done - start, notified: (await notified) - start };
}

const sign = async (user: TestUser, step: StepNumber, signer: Signer) => {
	const a = await actor(user);
	return timed(() => signOff(db, a, step, signer, ''));
};

const rows: [string, number[], number[]][] = [];
function record(what: string, samples: { action: number; notified: number }[]) {
	rows.push([what, samples.map((s) => s.action), samples.map((s) => s.notified)]);
}

const signs: { action: number; notified: number }[] = [];
const locks: { action: number; notified: number }[] = [];
const withdrawals: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
	signs.push(await sign(people.sales, 1, 'sales'));
	signs.push(await sign(people.operations, 1, 'operations'));
	// An edit after two sign-offs: the server withdraws them.
	const start = performance.now();
	const notified = waitForNotices(browsers, 'cycle');
	seller.cells.set(cellKey(firstItem, `2027-0${(round % 9) + 1}`, 'forecast'), round);
	await notified;
	withdrawals.push(performance.now() - start);
	await sign(people.sales, 1, 'sales');
	await sign(people.operations, 1, 'operations');
	locks.push(await sign(people.finance, 1, 'finance'));
	const lead = await actor(leader);
	await timed(() => reopen(db, lead, 1, 'Bench reopens the step'));
}
record('sign-off (step stays open)', signs);
record('last sign-off: step locks', locks);
rows.push(['edit withdraws sign-offs (edit → every browser told)', withdrawals, withdrawals]);

// Approval: steps 1–3 locked, then a leader approves and the version is written.
await sign(people.sales, 1, 'sales');
await sign(people.operations, 1, 'operations');
await sign(people.finance, 1, 'finance');
await sign(people.operations, 2, 'operations');
await sign(people.sales, 2, 'sales');
await sign(people.finance, 3, 'finance');
await sign(people.operations, 3, 'operations');
const approval = await sign(leader, 4, 'leader');
record('executive approval (saves the version)', [approval]);
const [{ bytes }] = await db.query<{ bytes: number }>(
	`select octet_length(content::text)::int as bytes from plan_versions where plan_id = $1`,
	[planId]
);

const viewStart = performance.now();
await readCycleView(db, planId);
const view = performance.now() - viewStart;

const copyStart = performance.now();
await copyToNextCycle(db, planId, leader.id, 'Next cycle');
const copy = performance.now() - copyStart;

console.log(`\n| what | action p50 / max | every browser told p50 / max |\n| --- | --- | --- |`);
for (const [what, action, notified] of rows) {
	console.log(
		`| ${what} | ${ms(pct(action, 50))} / ${ms(Math.max(...action))} | ${ms(pct(notified, 50))} / ${ms(Math.max(...notified))} |`
	);
}
console.log(`\nApproved version: ${(bytes / 1024 / 1024).toFixed(1)} MB of values`);
console.log(`Cycle state read (what each browser fetches after a notice): ${ms(view)}`);
console.log(`Next cycle copied (new plan seeded with every value): ${ms(copy)}`);

for (const b of [...browsers, seller]) await b.close();
await close();
await dispose();
