/**
 * Replay on a large plan: 2,000 items × 36 months, 100,000 cell edits by five people in a one-hour
 * window (and 10,000 after it, which loading the window undoes). Times loading the window from
 * the database (values at its end and its edits), building the cursor in the browser, a scrub step
 * (a jump to a random moment, and one edit forwards) and a frame of play at 60× (one second of the
 * period), each with the KPIs recomputed as the page does. Medians of repeats are printed.
 *
 *   node --import tsx bench/replay.ts
 */
import { performance } from 'node:perf_hooks';
import { paretoData } from '../src/lib/domain/abc-xyz.ts';
import { chartsData } from '../src/lib/domain/chart-series.ts';
import { computeKpis } from '../src/lib/domain/kpis.ts';
import { periods as monthsOf } from '../src/lib/domain/periods.ts';
import { PlanFigures } from '../src/lib/domain/plan-figures.ts';
import { ReplayCursor } from '../src/lib/domain/replay/cursor.ts';
import { ReplayValues } from '../src/lib/domain/replay/values.ts';
import type { ReplayWindow } from '../src/lib/domain/replay/window.ts';
import { getHierarchy } from '../src/lib/server/plans.ts';
import { loadReplayWindow } from '../src/lib/server/replay.ts';
import { planWithMembers, signedInUser, type TestUser } from '../tests/helpers/fixtures.ts';
import { LARGE_PLAN, seedLargePlan } from './large-plan.ts';
import { benchDb, ms } from './measure.ts';
import { median } from './stats.ts';

const EDITS = 100_000;
const AFTER = 10_000;
const LOADS = 5;
const STEPS = 50;
const FRAMES = 300;
const HOUR = 3_600_000;

const { db, label: database, dispose } = await benchDb();
const people: TestUser[] = [];
for (let i = 0; i < 5; i++) people.push(await signedInUser(db, `Bench Person ${i}`));
const { workspaceId } = await planWithMembers(db, people[0]);
const { largePlanId: planId } = await seedLargePlan(db, workspaceId, people[0].id);
const periods = monthsOf('2027-01', LARGE_PLAN.months);
const { families, items } = await getHierarchy(db, planId);
const start = new Date('2027-01-15T09:00:00Z');

// Edit g changes item g mod 2,000, month (g div 2,000) mod 36, by person g mod 5, spread evenly
// over the hour; the later ones fall an hour after it.
async function seedEdits(count: number, offset: number, from: Date) {
	await db.query(
		`with it as (select id, row_number() over (order by sku) - 1 as n from items where plan_id = $1)
		 insert into cell_edits (plan_id, step, owner_id, measure, period, old_value, new_value, user_id, kind, at)
		 select $1, 1, it.id, 'consensus',
		        to_char(date '2027-01-01' + (((g / 2000) % 36)::int * interval '1 month'), 'YYYY-MM'),
		        g, g + 1, ($2::text[])[1 + g % 5], 'typed',
		        $3::timestamptz + (g - $4) * ($5::float8 * interval '1 millisecond')
		 from generate_series($4::int, $4::int + $6::int - 1) g join it on it.n = g % 2000`,
		[planId, people.map((p) => p.id), from.toISOString(), offset, HOUR / count, count]
	);
}
const seedStart = performance.now();
await seedEdits(EDITS, 0, start);
await seedEdits(AFTER, EDITS, new Date(start.getTime() + 2 * HOUR));
console.log(
	`Replay bench on ${database}: ${items.length} items × ${periods.length} months, ` +
		`${EDITS} edits in the window + ${AFTER} after it (seeded in ${ms(performance.now() - seedStart)})`
);

const shape = { planId, periods, families, items };
const end = new Date(start.getTime() + HOUR);
const loads: number[] = [];
let window: ReplayWindow | null = null;
for (let i = 0; i < LOADS; i++) {
	const t = performance.now();
	window = await loadReplayWindow(db, shape, new Date(start.getTime() - 1000), end);
	loads.push(performance.now() - t);
}
const w = window!;
const json = JSON.stringify(w);
const parseStart = performance.now();
JSON.parse(json);
const parse = performance.now() - parseStart;
console.log(
	`load the window (server): median ${ms(median(loads))} of ${LOADS}; ${w.edits.cell.length} edits, ` +
		`cut: ${w.cut}; ${(json.length / 1e6).toFixed(1)} MB of JSON, parsed in ${ms(parse)}`
);

const buildStart = performance.now();
const values = new ReplayValues(periods.length, w.rows);
const cursor = new ReplayCursor(values, w.cells, w.edits, periods, w.people.length);
const figures = new PlanFigures({ families, items, periods }, values.reader);
computeKpis(figures, families, items, periods);
console.log(`build the cursor and first KPIs (browser): ${ms(performance.now() - buildStart)}`);

/** What the page does after each move: the figures told what moved, KPIs and charts again. */
function show(position: number): { move: number; total: number } {
	const t = performance.now();
	figures.invalidate(cursor.moveTo(position));
	const move = performance.now() - t;
	computeKpis(figures, families, items, periods);
	chartsData(figures.total());
	paretoData(figures, items);
	return { move, total: performance.now() - t };
}

let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const jumps = Array.from({ length: STEPS }, () => show(Math.floor(random() * cursor.length)));
const nexts = Array.from({ length: STEPS }, () => show(cursor.position + 1));
console.log(
	`scrub to a random moment: median ${ms(median(jumps.map((s) => s.move)))} moving the cursor, ` +
		`${ms(median(jumps.map((s) => s.total)))} with KPIs and charts (${STEPS} jumps)`
);
console.log(
	`next edit: median ${ms(median(nexts.map((s) => s.move)))} moving the cursor, ` +
		`${ms(median(nexts.map((s) => s.total)))} with KPIs and charts (${STEPS} steps)`
);

// A frame at 60× and 60 frames a second moves the replay on by one second of the period.
show(0);
let time = start.getTime();
const frames = Array.from({ length: FRAMES }, () => {
	time += 1000;
	return show(cursor.positionAt(time));
});
console.log(
	`frame of play at 60× (1 s of the period, ~${Math.round(EDITS / 3600)} edits): median ` +
		`${ms(median(frames.map((s) => s.move)))} moving the cursor, ` +
		`${ms(median(frames.map((s) => s.total)))} with KPIs and charts (${FRAMES} frames)`
);
await dispose();
