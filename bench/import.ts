/**
 * Import of a wide XLSX a planner keeps: 2,000 items × 36 months × 3 measures (216,000 values)
 * into a plan of that size that five browsers have open. Times the preview and the apply (each
 * reads the file again, as the page and the API do), beside the reference: reading the same file
 * alone. Reports the process's peak memory growth while previewing and the longest stall of the
 * event loop that relays edits (the browsers run in a worker thread, so that is the server's own).
 *
 *   node --import tsx bench/import.ts
 */
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { periods } from '../src/lib/domain/periods.ts';
import { registerCollab } from '../src/lib/server/collab-bridge.ts';
import { readImportFile } from '../src/lib/server/import/read-file.ts';
import { importIntoPlan, type ImportActor } from '../src/lib/server/import/run-import.ts';
import { getHierarchy, getPlan } from '../src/lib/server/plans.ts';
import { planWithMembers, signedInUser } from '../tests/helpers/fixtures.ts';
import type { WatchMessage, WatchTask } from './watch-worker.ts';
import { LARGE_PLAN, seedLargePlan } from './large-plan.ts';
import { watchStalls } from '../tests/helpers/stalls.ts';
import { benchDb, collabOnLoopback, ms, pct } from './measure.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const BROWSERS = 5;
const MEASURES = ['Sales forecast', 'Production plan', 'Price'];

const { db, label: database, dispose } = await benchDb();
const leader = await signedInUser(db, 'Bench Leader');
const { workspaceId } = await planWithMembers(db, leader);
const { largePlanId: planId } = await seedLargePlan(db, workspaceId, leader.id);
const plan = (await getPlan(db, planId))!;
const { items } = await getHierarchy(db, planId);
const months = periods(plan.start_month, plan.horizon);
const { collab, planUrl, close } = await collabOnLoopback({ flushIntervalMs: 50 });
registerCollab(collab);
// The browsers run in a worker: applying the import's update there is their time, not the server's.
const watchers = new Worker(new URL('./watch-worker.mjs', import.meta.url), {
	workerData: {
		url: `${planUrl(planId)}/step/1`,
		cookie: leader.cookie,
		browsers: BROWSERS
	} satisfies WatchTask
});
let onSeen: (at: number) => void = () => {};
await new Promise<void>((resolve) =>
	watchers.on('message', (m: WatchMessage) => (m.type === 'ready' ? resolve() : onSeen(m.at)))
);
const now = () => performance.timeOrigin + performance.now();

/** The workbook a planner would send: one line per SKU and measure, months as columns. */
async function wideWorkbook(round: number): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Plan');
	sheet.addRow(['Family', 'SKU', 'Item', 'Measure', ...months]);
	items.forEach((item, i) => {
		for (const [k, measure] of MEASURES.entries()) {
			const values = months.map((_, m) =>
				k === 2 ? 10 + ((i + round) % 50) / 4 : (i * 13 + m * 7 + round * 101 + k) % 900
			);
			sheet.addRow(['Family 1', item.sku, item.name, measure, ...values]);
		}
	});
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const actor: ImportActor = {
	userId: leader.id,
	via: null,
	access: { role: 'leader', fn: null }
};
const reference: number[] = [];
const previews: number[] = [];
const applies: number[] = [];
const delivered: number[] = [];
const peakGrowth: number[] = [];
const stalls: number[] = [];
let values = 0;
let size = 0;

for (let round = 1; round <= ROUNDS; round++) {
	const bytes = await wideWorkbook(round);
	size = bytes.byteLength;
	const request = {
		bytes,
		fileName: 'plan.xlsx',
		options: { sheet: null, mapping: null },
		apply: false
	};

	let start = performance.now();
	await readImportFile(bytes, 'plan.xlsx', { sheet: null });
	reference.push(performance.now() - start);

	global.gc?.();
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
	start = performance.now();
	const preview = await importIntoPlan(db, plan, actor, request);
	previews.push(performance.now() - start);
	clearInterval(sampler);
	peakGrowth.push((peak - before) / 1024 / 1024);
	if (!preview.canApply) throw new Error(`preview refused: ${JSON.stringify(preview.problems[0])}`);
	values = preview.summary.valuesRead;

	let seenBy = 0;
	const seen = new Promise<number>((resolve) => {
		onSeen = (at) => {
			if (++seenBy === BROWSERS) resolve(at);
		};
	});
	const watch = watchStalls();
	start = now();
	const applied = await importIntoPlan(db, plan, actor, { ...request, apply: true });
	applies.push(now() - start);
	stalls.push(watch.stop());
	delivered.push((await seen) - start);
	if (!applied.applied) throw new Error('apply did not apply');
}

const row = (what: string, figures: number[], unit = ms) =>
	`${what.padEnd(46)} median ${unit(pct(figures, 50)).padStart(9)}  max ${unit(Math.max(...figures)).padStart(9)}`;
const mb = (v: number) => `${v.toFixed(0)} MB`;
console.log(
	`\nImport of a wide XLSX (${(size / 1024 / 1024).toFixed(1)} MB, ${values} values: ${LARGE_PLAN.items} items × ${months.length} months × ${MEASURES.length} measures), ${BROWSERS} browsers open (${database}), ${ROUNDS} rounds:`
);
console.log(row('reference: read the file alone', reference));
console.log(row('preview (read, map, check, diff)', previews));
console.log(row('apply (all of the above, write, log)', applies));
console.log(row('apply: every browser has the change', delivered));
console.log(row('memory growth while previewing (RSS)', peakGrowth, mb));
console.log(row('longest event-loop stall during apply', stalls));
console.log(
	`ratio preview / reference (median): ${(pct(previews, 50) / pct(reference, 50)).toFixed(1)}×`
);

watchers.postMessage('stop');
await new Promise((resolve) => watchers.once('exit', resolve));
registerCollab(undefined);
await close();
await dispose();
