/**
 * Forecast accuracy and speed on 714 monthly M3 series: hold out the last 18 months of each,
 * forecast them (on worker threads, as the command line does), and score mean sMAPE and MASE
 * beside seasonal naive. The time is wall time for all series, worker start-up included.
 *
 *   node --import tsx bench/forecast-m3.ts   (M3_DATA=path/to/m3-monthly-dev.csv to override)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mase, smape } from '../src/lib/domain/forecast/accuracy.ts';
import { parseHistory } from '../src/lib/domain/forecast/history-csv.ts';
import { seasonalNaive } from '../src/lib/domain/forecast/seasonal-naive.ts';
import { forecastAll } from '../scripts/forecast-pool.ts';

const HORIZON = 18;
// Beside the repository (../shared/data from its root); M3_DATA points elsewhere, e.g. from a worktree.
const file =
	process.env.M3_DATA ??
	resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/data/m3-monthly-dev.csv');
if (!existsSync(file)) {
	console.error(
		`M3 data not found at ${file} (expected ../shared/data/m3-monthly-dev.csv beside the repo)`
	);
	process.exit(1);
}
const all = parseHistory(readFileSync(file, 'utf8'));

const start = performance.now();
const cpuStart = process.cpuUsage();
const histories = all.map((s) => s.values.slice(0, -HORIZON));
const forecasts = await forecastAll(
	histories.map((values) => ({ values })),
	HORIZON
);
const results = all.map((s, i) => ({ s, history: histories[i], forecast: forecasts[i] }));
const seconds = (performance.now() - start) / 1000;
// CPU of every thread of the process: the figure that does not move with the machine's load.
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
/** Mean sMAPE and MASE of `forecast` on the held-out months, from each series' `histories`. */
function score(histories: number[][], forecast: (history: number[], i: number) => number[]) {
	const sm: number[] = [];
	const ms: number[] = [];
	histories.forEach((history, i) => {
		const actual = all[i].values.slice(-HORIZON);
		const f = forecast(history, i);
		sm.push(smape(actual, f));
		ms.push(mase(history, actual, f));
	});
	return { smape: mean(sm), mase: mean(ms) };
}
const line = (name: string, { smape, mase }: { smape: number; mase: number }, more = '') =>
	`${name.padEnd(16)}sMAPE ${smape.toFixed(2)}  MASE ${mase.toFixed(3)}${more}`;
const engine = score(histories, (_, i) => results[i].forecast.point);
const naive = score(histories, (h) => seasonalNaive(h, HORIZON));

// Many plans have only a few years of sales per item: the same months held out, forecast from
// each series' last three years alone, and from its last two and a half.
const SHORT = [36, 30];
const short = [];
for (const length of SHORT) {
	const cut = all.map((s) => s.values.slice(-HORIZON - length, -HORIZON));
	const forecast = await forecastAll(
		cut.map((values) => ({ values })),
		HORIZON
	);
	short.push({
		length,
		engine: score(cut, (_, i) => forecast[i].point),
		naive: score(cut, (h) => seasonalNaive(h, HORIZON))
	});
}
// Share of held-out months inside the 80 % and 95 % intervals.
let inside80 = 0;
let inside95 = 0;
for (const { s, forecast } of results) {
	s.values.slice(-HORIZON).forEach((a, h) => {
		const iv = forecast.intervals[h];
		if (a >= iv.lo80 && a <= iv.hi80) inside80++;
		if (a >= iv.lo95 && a <= iv.hi95) inside95++;
	});
}
const months = results.length * HORIZON;
const counts = new Map<string, number>();
for (const r of results) counts.set(r.forecast.method, (counts.get(r.forecast.method) ?? 0) + 1);

console.log(`M3 monthly, ${results.length} series, last ${HORIZON} months held out`);
console.log(line('engine', engine, '  (targets 13.5, 0.84)'));
console.log(line('seasonal naive', naive));
console.log(
	`interval coverage: 80 % → ${((100 * inside80) / months).toFixed(1)} %, 95 % → ${((100 * inside95) / months).toFixed(1)} %`
);
console.log(`methods: ${[...counts].map(([m, n]) => `${m} ${n}`).join(', ')}`);
console.log(
	`time: ${seconds.toFixed(2)} s wall for ${results.length} series (target < 5 s), ${cpuSeconds.toFixed(2)} s CPU`
);
for (const { length, engine, naive } of short) {
	console.log(`the same months, forecast from the last ${length} months of history only`);
	console.log(line('engine', engine));
	console.log(line('seasonal naive', naive));
}
