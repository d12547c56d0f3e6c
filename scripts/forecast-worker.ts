/** Worker thread of forecast-pool.ts: forecasts its share of the series, posting each result. */
import { parentPort, workerData } from 'node:worker_threads';
import { forecastItem } from '../src/lib/domain/forecast/backtest.ts';
import { forecastSeries } from '../src/lib/domain/forecast/select.ts';
import { nameThisThread, THREAD_NAMES } from '../src/lib/server/thread-name.ts';
import { runInBackground } from '../src/lib/server/thread-priority.ts';
import type { WorkKind } from './forecast-pool.ts';

nameThisThread(THREAD_NAMES.forecast);
runInBackground();
const { kind, chunk, horizon } = workerData as {
	kind: WorkKind;
	chunk: { i: number; values: number[] }[];
	horizon: number;
};
const run = kind === 'item' ? forecastItem : forecastSeries;
for (const { i, values } of chunk) parentPort?.postMessage({ i, forecast: run(values, horizon) });
