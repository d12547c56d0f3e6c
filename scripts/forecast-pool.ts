/**
 * Forecast many series on worker threads, one per core (at most `workers`), so a batch uses
 * every core and the calling thread stays free. Results come back in input order.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Forecast } from '../src/lib/domain/forecast/select.ts';

export interface Job {
	values: number[];
}

export async function forecastAll(
	jobs: readonly Job[],
	horizon: number,
	onProgress: (done: number) => void = () => {},
	workers = availableParallelism()
): Promise<Forecast[]> {
	// A worker takes about half a second to start (tsx compiles the engine again): small batches
	// get fewer.
	const count = Math.max(1, Math.min(workers, Math.ceil(jobs.length / 50)));
	const results = new Array<Forecast>(jobs.length);
	let done = 0;
	const chunks = Array.from({ length: count }, (_, w) =>
		jobs.map((job, i) => ({ i, values: job.values })).filter((_, i) => i % count === w)
	);
	await Promise.all(
		chunks.map(
			(chunk) =>
				new Promise<void>((resolveChunk, reject) => {
					const worker = new Worker(new URL('./forecast-worker.mjs', import.meta.url), {
						workerData: { chunk, horizon }
					});
					worker.on('message', (m: { i: number; forecast: Forecast }) => {
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
