/**
 * The collaboration server's one statement per beat: 20 people's edits of one step document (an
 * update and a cell history row each) logged in one statement, as `LogCommits` writes them at
 * 50 clients / 20 writers. Timed back to back, as a database warm from the same work runs it, and
 * once per beat (BEAT_MS apart), as the server runs it: between two beats the database's thread
 * sits idle while others run, and the statement starts on caches that have gone cold. With and
 * without the cell history rows, so their share is measured rather than guessed; and a beat of one
 * edit without history, the least a beat can write, which bounds what any reshaping of a beat's
 * rows could save. On the embedded database the CPU its thread spent per statement is printed too
 * (read from /proc by the thread's name, thread-name.ts).
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

/** What a beat writes: each writer's edit, with or without its cell history row. */
interface BeatShape {
	label: string;
	writers: readonly string[];
	history: boolean;
}
const shapes: BeatShape[] = [
	{ label: `${WRITERS} updates and cell history`, writers, history: true },
	{ label: `${WRITERS} updates only`, writers, history: false },
	{ label: '1 update (the least a beat writes)', writers: writers.slice(0, 1), history: false }
];

const beat = ({ writers: authors, history }: BeatShape) => [
	{ name: plan.loadDoc, updates: authors.map((userId) => edit(userId, history)) }
];

const millis = (value: number) => (Number.isNaN(value) ? '-' : `${value.toFixed(2)} ms`);
const databaseCpu = () => threadCpuOf(process.pid).get(THREAD_NAMES.database);

/** Per statement: the median wall time, and the database thread's CPU (NaN on a server). */
async function timeBeats(shape: BeatShape, count: number, gapMs: number) {
	const walls: number[] = [];
	const cpuBefore = databaseCpu();
	for (let i = 0; i < count; i++) {
		if (gapMs) await sleep(gapMs);
		const batch = beat(shape);
		const started = performance.now();
		const [outcome] = await appendDocuments(db, batch);
		walls.push(performance.now() - started);
		if (outcome instanceof Error) throw outcome;
	}
	const cpuAfter = databaseCpu();
	const cpu = cpuBefore === undefined || cpuAfter === undefined ? NaN : cpuAfter - cpuBefore;
	return { wall: median(walls), cpu: cpu / count };
}

for (let i = 0; i < WARM_UP; i++) await appendDocuments(db, beat(shapes[i % shapes.length]));

const rows: string[][] = [];
for (const shape of shapes) {
	const hot = { wall: [] as number[], cpu: [] as number[] };
	const beats = { wall: [] as number[], cpu: [] as number[] };
	for (let r = 0; r < REPEATS; r++) {
		const a = await timeBeats(shape, BACK_TO_BACK, 0);
		const b = await timeBeats(shape, PER_BEAT, BEAT_MS);
		hot.wall.push(a.wall);
		hot.cpu.push(a.cpu);
		beats.wall.push(b.wall);
		beats.cpu.push(b.cpu);
	}
	for (const [when, t] of [
		['back to back', hot],
		[`one per beat (${BEAT_MS} ms)`, beats]
	] as const) {
		rows.push([shape.label, when, millis(median(t.wall)), millis(median(t.cpu))]);
	}
}

console.log(
	`\nOne beat's statement: edits of one step document, on ${label}; medians of ${REPEATS} runs (${BACK_TO_BACK} statements back to back, ${PER_BEAT} one per beat)`
);
console.log(textTable(['rows', 'timed', 'wall per statement', "database thread's CPU"], rows, 2));
console.log(
	"wall: from the call to its answer (through the worker thread's messages on the embedded database, over the socket on a server). CPU: the embedded database's thread only (none on a Postgres server: its CPU is another process's)."
);
await dispose();
