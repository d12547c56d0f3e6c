/**
 * The cell history on a large plan: how long opening one cell's history and finding the cells
 * changed since a moment take on a 2,000-item plan with EDITS logged cell edits (target: the
 * history opens in under 300 ms). The edits are written straight into `cell_edits` (the recording
 * path itself is timed by collab-load); a quarter of them on the items of one family, a few
 * hundred on one busy cell, the rest spread over every item, measure and month.
 *
 *   node --import tsx bench/cell-history.ts
 */
import { cellHistory, changesSince } from '../src/lib/server/cell-history.ts';
import { startThread } from '../src/lib/server/comments.ts';
import { createPlan, getHierarchy } from '../src/lib/server/plans.ts';
import { planWithMembers, sampleFamilies, signedInUser } from '../tests/helpers/fixtures.ts';
import { benchDb, ms, pct } from './measure.ts';

const EDITS = Number(process.env.EDITS ?? 100_000);
const THREADS = 300;
const RUNS = 30;

const { db, label: database, dispose } = await benchDb();
const leader = await signedInUser(db, 'Bench Leader');
const { workspaceId } = await planWithMembers(db, leader);
const planId = await createPlan(
	db,
	{
		workspaceId,
		name: 'History plan',
		startMonth: '2027-01',
		horizon: 18,
		families: sampleFamilies(40, 50)
	},
	leader.id
);
const { items } = await getHierarchy(db, planId);
const ids = items.map((i) => i.id);

const seedStart = performance.now();
// One statement: item, measure and month cycle through the edits; every 300th edit hits the busy
// cell; times spread over the last 30 days, the newest last.
await db.query(
	`insert into cell_edits (plan_id, step, owner_id, measure, period, old_value, new_value, user_id,
	                         kind, edit_cells, at)
	 select $1, 1,
	        case when g % 300 = 0 then ids[1] else ids[1 + (g * 7919) % array_length(ids, 1)] end,
	        case when g % 300 = 0 then 'forecast' else (array['forecast','marketing','consensus'])[1 + g % 3] end,
	        case when g % 300 = 0 then '2027-03'
	             else to_char(date '2027-01-01' + ((g / 3) % 18) * interval '1 month', 'YYYY-MM') end,
	        g, g + 1, $3, (array['typed','pasted','spread','import'])[1 + g % 4], 1 + g % 5,
	        now() - (($4::int - g) * interval '1 second') * (30 * 86400.0 / $4::int)
	 from generate_series(1, $4::int) as g, (select $2::text[] as ids) as i`,
	[planId, ids, leader.id, EDITS]
);
for (let t = 0; t < THREADS; t++) {
	await startThread(db, {
		planId,
		userId: leader.id,
		target: { ownerId: ids[t % ids.length], measureId: 'forecast', period: '2027-03' },
		body: `Is this right? (${t})`
	});
}
console.log(
	`Plan: ${items.length} items × 18 months, ${EDITS.toLocaleString('en')} cell edits, ${THREADS} comment threads (seeded in ${ms(performance.now() - seedStart)}); database: ${database}`
);

async function time(what: string, run: () => Promise<unknown>) {
	const samples: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		await run();
		samples.push(performance.now() - start);
	}
	console.log(`| ${what} | ${ms(pct(samples, 50))} | ${ms(pct(samples, 95))} |`);
}

const busy = { ownerId: ids[0], measureId: 'forecast', period: '2027-03' };
const quiet = { ownerId: ids[1234], measureId: 'marketing', period: '2027-07' };
const busyView = await cellHistory(db, planId, leader.id, busy);
console.log(
	`\nThe busy cell has ${busyView.total} edits and ${busyView.threads.length} threads.\n`
);
console.log(`| what (${RUNS} runs) | p50 | p95 |\n| --- | --- | --- |`);
await time('history of the busiest cell', () => cellHistory(db, planId, leader.id, busy));
await time('history of a quiet cell', () => cellHistory(db, planId, leader.id, quiet));
const hourAgo = new Date(Date.now() - 3600_000);
const dayAgo = new Date(Date.now() - 86400_000);
const weekAgo = new Date(Date.now() - 7 * 86400_000);
for (const [what, since] of [
	['changes in the last hour', hourAgo],
	['changes in the last day', dayAgo],
	['changes in the last week', weekAgo]
] as const) {
	const view = await changesSince(db, planId, leader.id, since);
	await time(`${what} (${view.total.toLocaleString('en')} cells)`, () =>
		changesSince(db, planId, leader.id, since)
	);
}
await dispose();
