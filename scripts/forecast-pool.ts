/**
 * Forecast many series on worker threads, one per core (at most `workers`), so a batch uses
 * every core and the calling thread stays free. Results come back in input order.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ItemForecast } from '../src/lib/domain/forecast/backtest.ts';
import type { Forecast } from '../src/lib/domain/forecast/select.ts';

export interface Job {
	values: readonly number[];
}

/** What a worker computes per series: the forecast alone, or with its backtest (forecastItem). */
export type WorkKind = 'forecast' | 'item';

export function forecastAll(
	jobs: readonly Job[],
	horizon: number,
	onProgress: (done: number) => void = () => {},
	workers = availableParallelism()
): Promise<Forecast[]> {
	return runPool<Forecast>('forecast', jobs, horizon, onProgress, workers);
}

/** Forecasts with backtests, as a baseline refresh keeps them (the app's forecast bridge). */
export function forecastItems(
	histories: readonly (readonly number[])[],
	horizon: number,
	onProgress: (done: number) => void = () => {},
	workers = availableParallelism()
): Promise<ItemForecast[]> {
	const jobs = histories.map((values) => ({ values }));
	return runPool<ItemForecast>('item', jobs, horizon, onProgress, workers);
}

async function runPool<T>(
	kind: WorkKind,
	jobs: readonly Job[],
	horizon: number,
	onProgress: (done: number) => void,
	workers: number
): Promise<T[]> {
	// A worker takes about half a second to start (tsx compiles the engine again): small batches
	// get fewer.
	const count = Math.max(1, Math.min(workers, Math.ceil(jobs.length / 50)));
	const results = new Array<T>(jobs.length);
	if (jobs.length === 0) return results;
	let done = 0;
	const chunks = Array.from({ length: count }, (_, w) =>
		jobs.map((job, i) => ({ i, values: job.values })).filter((_, i) => i % count === w)
	);
	await Promise.all(
		chunks.map(
			(chunk) =>
				new Promise<void>((resolveChunk, reject) => {
					const worker = new Worker(new URL('./forecast-worker.mjs', import.meta.url), {
						workerData: { kind, chunk, horizon }
					});
					worker.on('message', (m: { i: number; forecast: T }) => {
						results[m.i] = m.forecast;
						onProgress(++done);
					});
					worker.on('error', reject);
					worker.on('exit', (code) =>
						code === 0 ? resolveChunk() : reject(new Error(`forecast worker exited with ${code}`))
					);
				})
		)
	);
	return results;
}
