/**
 * "Refresh baseline" on a large plan that people have open: a 2,000-item × 36-month plan whose
 * items each have 36 months of sales history, refreshed through the collaboration server's door
 * with browsers on step 1, the forecasts on worker threads as in production. Prints the refresh
 * time (target under 10 s), how soon every browser has the new baseline, and the round trip of a
 * client typing in step 2 during the refresh beside the same with no refresh.
 *
 *   node --import tsx bench/baseline-refresh.ts
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { cellKey } from '../src/lib/domain/measures.ts';
import { periods } from '../src/lib/domain/periods.ts';
import { registerCollab } from '../src/lib/server/collab-bridge.ts';
import { registerForecaster } from '../src/lib/server/forecast-bridge.ts';
import { refreshBaseline } from '../src/lib/server/forecast/refresh-baseline.ts';
import { saveHistory } from '../src/lib/server/import/sales-history.ts';
import { getHierarchy, getPlan } from '../src/lib/server/plans.ts';
import { forecastItems } from '../scripts/forecast-pool.ts';
import { planWithMembers, signedInUser } from '../tests/helpers/fixtures.ts';
import type { ClientsCommand, ClientsMessage, ClientsTask } from './baseline-clients.ts';
import { LARGE_PLAN, seedLargePlan } from './large-plan.ts';
import { benchDb, collabOnLoopback, ms, pct } from './measure.ts';

const BROWSERS = Number(process.env.BROWSERS ?? 10);
const HISTORY_MONTHS = 36;
const EDITS_PER_SECOND = 10;
const QUIET_SECONDS = 5;
const AFTER_SECONDS = 3;

const { db, label: database, dispose } = await benchDb();
const leader = await signedInUser(db, 'Bench Leader');
const { workspaceId } = await planWithMembers(db, leader);
const { largePlanId: planId } = await seedLargePlan(db, workspaceId, leader.id);
const plan = (await getPlan(db, planId))!;
const { items } = await getHierarchy(db, planId);
const season = [0.8, 0.85, 0.95, 1, 1.1, 1.2, 1.25, 1.2, 1.05, 0.95, 0.85, 0.8];
// Every kind of item a workspace holds: seasonal, trending, noisy, intermittent, stopped.
const history = items.flatMap((item, i) =>
	periods('2024-01', HISTORY_MONTHS).map((month, t) => {
		const level = 20 + (i % 200);
		const noise = ((i * 31 + t * 17) % 13) / 13 - 0.5;
		let quantity = level * season[t % 12] * (1 + (i % 3) * 0.01 * t) * (1 + 0.2 * noise);
		if (i % 10 === 7) quantity = (i + t) % 4 === 0 ? level : 0;
		if (i % 50 === 49 && t > 26) quantity = 0;
		return { sku: item.sku, month, quantity: Math.round(quantity) };
	})
);
await saveHistory(db, workspaceId, history, leader.id);

const { collab, planUrl, close } = await collabOnLoopback({ flushIntervalMs: 50 });
registerCollab(collab);
registerForecaster({ forecastItems });

function start(task: ClientsTask) {
	const worker = new Worker(new URL('./baseline-clients.mjs', import.meta.url), {
		workerData: task
	});
	const next = (type: ClientsMessage['type']) =>
		new Promise<ClientsMessage>((resolve) => {
			const seen = (m: ClientsMessage) => {
				if (m.type !== type) return;
				worker.off('message', seen);
				resolve(m);
			};
			worker.on('message', seen);
		});
	const send = (command: ClientsCommand) => worker.postMessage(command);
	return { worker, next, send, ready: next('ready') };
}

const browsers = start({
	role: 'browsers',
	url: `${planUrl(planId)}/step/1`,
	cookie: leader.cookie,
	count: BROWSERS,
	rows: items.length
});
const months = periods(plan.start_month, plan.horizon);
const typist = start({
	role: 'typist',
	url: `${planUrl(planId)}/step/2`,
	cookie: leader.cookie,
	keys: items
		.slice(0, 100)
		.map((item, i) => cellKey(item.id, months[i % months.length], 'production')),
	editsPerSecond: EDITS_PER_SECOND
});
await Promise.all([browsers.ready, typist.ready]);

async function typing(during: () => Promise<void>): Promise<number[]> {
	const latencies = typist.next('latencies');
	typist.send({ type: 'type' });
	await during();
	typist.send({ type: 'stop' });
	return ((await latencies) as Extract<ClientsMessage, { type: 'latencies' }>).latencies;
}

const quiet = await typing(() => new Promise((r) => setTimeout(r, QUIET_SECONDS * 1000)));

const lag = monitorEventLoopDelay({ resolution: 10 });
let refreshMs = 0;
let deliveredMs = 0;
let methods: Record<string, number> = {};
const busy = await typing(async () => {
	const delivered = browsers.next('delivered');
	browsers.send({ type: 'type' });
	lag.enable();
	const started = performance.now();
	const result = await refreshBaseline(db, plan, {
		userId: leader.id,
		access: { role: 'leader', fn: null }
	});
	refreshMs = performance.now() - started;
	methods = result.methods;
	await delivered;
	deliveredMs = performance.now() - started;
	// And a while after: what the refresh leaves the server to do (saving, compacting) counts too.
	await new Promise((r) => setTimeout(r, AFTER_SECONDS * 1000));
	lag.disable();
});

const row = (what: string, values: number[]) =>
	`${what.padEnd(36)} p50 ${ms(pct(values, 50)).padStart(8)}  p95 ${ms(pct(values, 95)).padStart(8)}  max ${ms(Math.max(...values)).padStart(8)}  (${values.length} edits)`;
console.log(
	`\nRefresh baseline: ${LARGE_PLAN.items} items × ${HISTORY_MONTHS} months of history into a ${LARGE_PLAN.months}-month plan, ${BROWSERS} browsers open (${database}):`
);
console.log(
	`refresh, committed and explained:     ${(refreshMs / 1000).toFixed(2)} s (target < 10 s)`
);
console.log(`every browser has the new baseline:   ${(deliveredMs / 1000).toFixed(2)} s`);
console.log(
	`methods: ${Object.entries(methods)
		.map(([m, n]) => `${m} ${n}`)
		.join(', ')}`
);
console.log(
	`server event-loop delay during the refresh (+${AFTER_SECONDS} s): p99 ${ms(lag.percentile(99) / 1e6)}, max ${ms(lag.max / 1e6)}`
);
console.log(`Edit round trip in step 2 (sent → saved), ${EDITS_PER_SECOND} edits/s:`);
console.log(row('no refresh', quiet));
console.log(row(`during the refresh (+${AFTER_SECONDS} s)`, busy));
console.log(
	`ratio during / without (p50, p95): ${(pct(busy, 50) / pct(quiet, 50)).toFixed(1)}×, ${(pct(busy, 95) / pct(quiet, 95)).toFixed(1)}×`
);

for (const w of [browsers, typist]) {
	const exited = new Promise((r) => w.worker.once('exit', r));
	w.send({ type: 'exit' });
	await exited;
}
registerForecaster(undefined);
registerCollab(undefined);
await close();
await dispose();
