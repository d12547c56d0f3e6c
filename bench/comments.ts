/**
 * Comments on a busy plan: how long posting a comment (with a mention) and a reply take, how soon
 * every open browser hears of it, and how long the comments panel's fetch takes once the plan has
 * THREADS threads of COMMENTS comments. One process: the database (in-memory PGlite, or
 * BENCH_DATABASE_URL), the collaboration server and BROWSERS clients on the plan's meta document.
 *
 *   node --import tsx bench/comments.ts
 */
import { loadBoard, replyToThread, startThread } from '../src/lib/server/comments.ts';
import { getHierarchy } from '../src/lib/server/plans.ts';
import { planWithMembers, sampleFamilies, signedInUser } from '../tests/helpers/fixtures.ts';
import { createPlan } from '../src/lib/server/plans.ts';
import { setPlanRole } from '../src/lib/server/plans.ts';
import { addMember } from '../src/lib/server/workspaces.ts';
import { benchDb, collabOnLoopback, metaBrowsers, ms, pct, waitForNotices } from './measure.ts';

const BROWSERS = Number(process.env.BROWSERS ?? 30);
const THREADS = Number(process.env.THREADS ?? 500);
const COMMENTS = 4;
const ROUNDS = 20;

// BENCH_DATABASE_URL compares against a Postgres server; the default is the embedded PGlite.
const { db, label: database, dispose } = await benchDb();

const leader = await signedInUser(db, 'Bench Leader');
const finance = await signedInUser(db, 'Fay Finance');
const { workspaceId } = await planWithMembers(db, leader);
const planId = await createPlan(
	db,
	{
		workspaceId,
		name: 'Commented plan',
		startMonth: '2027-01',
		horizon: 12,
		families: sampleFamilies(10, 50)
	},
	leader.id
);
await addMember(db, workspaceId, finance.id, 'finance');
await setPlanRole(db, planId, finance.id, 'editor');
const { items } = await getHierarchy(db, planId);

const seedStart = performance.now();
for (let t = 0; t < THREADS; t++) {
	const started = await startThread(db, {
		planId,
		userId: t % 2 ? leader.id : finance.id,
		target: { ownerId: items[t % items.length].id, measureId: 'forecast', period: '2027-03' },
		body: `Question ${t}: is this forecast right, @Fay Finance?`
	});
	for (let c = 1; c < COMMENTS; c++) {
		await replyToThread(db, {
			planId,
			userId: leader.id,
			threadId: started.threadId,
			body: `Answer ${c}`
		});
	}
}
console.log(
	`Plan: ${items.length} items, ${THREADS} threads × ${COMMENTS} comments (written in ${ms(performance.now() - seedStart)}); database: ${database}`
);

const { collab, planUrl, close } = await collabOnLoopback();
const browsers = await metaBrowsers(planUrl(planId), finance.cookie, BROWSERS);

/** A comment change as its endpoint makes it: the write, then the notice to the plan's browsers. */
async function timed(write: () => Promise<unknown>) {
	const notified = waitForNotices(browsers, 'comments');
	const start = performance.now();
	await write();
	collab.notify(planId, 'comments');
	const done = performance.now();
	return { action: done - start, notified: (await notified) - start };
}

const posts: { action: number; notified: number }[] = [];
const replies: { action: number; notified: number }[] = [];
const boards: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
	let threadId = '';
	posts.push(
		await timed(async () => {
			const started = await startThread(db, {
				planId,
				userId: leader.id,
				target: { ownerId: items[round].id, measureId: 'price', period: '2027-02' },
				body: `@Fay Finance can we hold this price? (${round})`
			});
			threadId = started.threadId;
		})
	);
	replies.push(
		await timed(() =>
			replyToThread(db, { planId, userId: finance.id, threadId, body: 'Yes, through Q2.' })
		)
	);
	const start = performance.now();
	await loadBoard(db, planId, finance.id);
	boards.push(performance.now() - start);
}
const [{ bytes }] = await db.query<{ bytes: number }>(
	`select sum(octet_length(body))::int as bytes from comments`
);
const board = await loadBoard(db, planId, finance.id);
const boardBytes = JSON.stringify(board).length;

console.log(`\n| what | action p50 / max | every browser told p50 / max |\n| --- | --- | --- |`);
for (const [what, samples] of [
	['new thread with a mention', posts],
	['reply', replies]
] as const) {
	const action = samples.map((s) => s.action);
	const notified = samples.map((s) => s.notified);
	console.log(
		`| ${what} | ${ms(pct(action, 50))} / ${ms(Math.max(...action))} | ${ms(pct(notified, 50))} / ${ms(Math.max(...notified))} |`
	);
}
console.log(
	`\nComments panel fetch (${THREADS + ROUNDS} threads, ${(boardBytes / 1024).toFixed(0)} KB of JSON, ${(bytes / 1024).toFixed(0)} KB of text): p50 ${ms(pct(boards, 50))}, max ${ms(Math.max(...boards))}`
);

for (const b of browsers) await b.close();
await close();
await dispose();
