/**
 * The collaboration server's one statement per beat: 20 people's edits of one step document (an
 * update and a cell history row each) logged in one statement, as `LogCommits` writes them at
 * 50 clients / 20 writers. Timed back to back, as a database warm from the same work runs it, and
 * once per beat (BEAT_MS apart), as the server runs it: between two beats the database's thread
 * sits idle while others run, and the statement starts on caches that have gone cold. With and
 * without the cell history rows, so their share is measured rather than guessed. On the embedded
 * database the CPU its thread spent per statement is printed too (read from /proc by the thread's
 * name, thread-name.ts).
 *
 *   node --import tsx bench/log-beat.ts
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/log-beat.ts      (Postgres server)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BEAT_MS } from '../server/collab/log-commits.ts';
import { THREAD_NAMES } from '../src/lib/server/thread-name.ts';
import { appendDocuments } from '../src/lib/server/yjs-log.ts';
import { seedLoadPlan } from './load-plan.ts';
import { benchDb, median } from './measure.ts';
import { threadCpuOf } from './proc-stats.ts';
import { textTable } from './text-table.ts';
import { typist } from './typed-edits.ts';

const WRITERS = 20;
const WARM_UP = 200;
const BACK_TO_BACK = 300;
const PER_BEAT = 50;
const REPEATS = 3;

const { db, label, dispose } = await benchDb();
const plan = await seedLoadPlan(db, WRITERS, false);
const writers = (
	await db.query<{ id: string }>(`select id from users order by id limit $1`, [WRITERS])
).map((u) => u.id);

const edit = typist(plan.loadKeys);

const beat = (history: boolean) => [
	{ name: plan.loadDoc, updates: writers.map((userId) => edit(userId, history)) }
];

const millis = (value: number) => (Number.isNaN(value) ? '-' : `${value.toFixed(2)} ms`);
const databaseCpu = () => threadCpuOf(process.pid).get(THREAD_NAMES.database);

/** Per statement: the median wall time, and the database thread's CPU (NaN on a server). */
async function timeBeats(history: boolean, count: number, gapMs: number) {
	const walls: number[] = [];
	const cpuBefore = databaseCpu();
	for (let i = 0; i < count; i++) {
		if (gapMs) await sleep(gapMs);
		const batch = beat(history);
		const started = performance.now();
		const [outcome] = await appendDocuments(db, batch);
		walls.push(performance.now() - started);
		if (outcome instanceof Error) throw outcome;
	}
	const cpuAfter = databaseCpu();
	const cpu = cpuBefore === undefined || cpuAfter === undefined ? NaN : cpuAfter - cpuBefore;
	return { wall: median(walls), cpu: cpu / count };
}

for (let i = 0; i < WARM_UP; i++) await appendDocuments(db, beat(i % 2 === 0));

const rows: string[][] = [];
for (const history of [true, false]) {
	const hot = { wall: [] as number[], cpu: [] as number[] };
	const beats = { wall: [] as number[], cpu: [] as number[] };
	for (let r = 0; r < REPEATS; r++) {
		const a = await timeBeats(history, BACK_TO_BACK, 0);
		const b = await timeBeats(history, PER_BEAT, BEAT_MS);
		hot.wall.push(a.wall);
		hot.cpu.push(a.cpu);
		beats.wall.push(b.wall);
		beats.cpu.push(b.cpu);
	}
	const what = history ? 'updates and cell history' : 'updates only';
	for (const [when, t] of [
		['back to back', hot],
		[`one per beat (${BEAT_MS} ms)`, beats]
	] as const) {
		rows.push([what, when, millis(median(t.wall)), millis(median(t.cpu))]);
	}
}

console.log(
	`\nOne beat's statement: ${WRITERS} edits of one step document, on ${label}; medians of ${REPEATS} runs (${BACK_TO_BACK} statements back to back, ${PER_BEAT} one per beat)`
);
console.log(textTable(['rows', 'timed', 'wall per statement', "database thread's CPU"], rows, 2));
console.log(
	"wall: from the call to its answer (through the worker thread's messages on the embedded database, over the socket on a server). CPU: the embedded database's thread only (none on a Postgres server: its CPU is another process's)."
);
await dispose();
