import { Worker } from 'node:worker_threads';
import type { MainMessage, WorkerMessage, WorkerTask } from './load-worker.ts';

type Done = Extract<WorkerMessage, { type: 'done' }>;

/** A thread of load clients (bench/load-worker.ts) and the moment all of them are connected. */
export function startLoadWorker(task: WorkerTask): { worker: Worker; ready: Promise<void> } {
	const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: task });
	const ready = new Promise<void>((resolve, reject) => {
		worker.once('error', reject);
		worker.once('message', (m: WorkerMessage) => m.type === 'ready' && resolve());
	});
	return { worker, ready };
}

/** Starts every thread's writers at `startAt` (on the tasks' epoch); their figures once drained. */
export function runLoadWorkers(workers: { worker: Worker }[], startAt: number): Promise<Done[]> {
	return Promise.all(
		workers.map(
			({ worker }) =>
				new Promise<Done>((resolve) => {
					worker.on('message', (m: WorkerMessage) => m.type === 'done' && resolve(m));
					worker.postMessage({ type: 'go', startAt } satisfies MainMessage);
				})
		)
	);
}

/** Closes every thread's clients and waits for the threads to end. */
export async function stopLoadWorkers(workers: { worker: Worker }[]): Promise<void> {
	await Promise.all(
		workers.map(
			({ worker }) =>
				new Promise((resolve) => {
					worker.once('exit', resolve);
					worker.postMessage({ type: 'stop' } satisfies MainMessage);
				})
		)
	);
}
