/**
 * One share of the load test's clients, in a worker thread of its own so that the clients of a
 * large room use both cores instead of queueing behind each other on one event loop. Times count
 * from a shared absolute epoch, so a latency spans threads: the value of each written cell is the
 * moment it was written.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { BenchClient } from './bench-client.ts';

export interface WorkerTask {
	url: string;
	cookie: string;
	/** This worker's clients, and how many of them write. */
	clients: number;
	writers: number;
	/** The distinct cells this worker's writers write, editsPerWriter of them per writer in turn. */
	keys: string[];
	editsPerSecond: number;
	writeSeconds: number;
	/** Edits every client should receive in all (every worker's writers). */
	expectedPerClient: number;
	drainTimeoutMs: number;
	/** Written values are milliseconds since this absolute time: cells hold plausible numbers. */
	epoch: number;
}

export type WorkerMessage =
	| { type: 'ready' }
	| {
			type: 'done';
			latencies: Float64Array;
			lost: number;
			unacked: number;
			lagP99Ms: number;
	  };

export type MainMessage = { type: 'go'; startAt: number } | { type: 'stop' };

const task = workerData as WorkerTask;
const now = () => performance.timeOrigin + performance.now() - task.epoch;
const port = parentPort!;

const clients: BenchClient[] = [];
for (let i = 0; i < task.clients; i += 25) {
	const wave = Array.from({ length: Math.min(25, task.clients - i) }, () =>
		BenchClient.connect(task.url, task.cookie)
	);
	clients.push(...(await Promise.all(wave)));
}
await Promise.all(clients.map((c) => c.synced()));
const sizeBefore = clients.map((c) => c.cells.size);

const latencies: number[] = [];
for (const client of clients) {
	client.cells.observe((event) => {
		if (event.transaction.local) return;
		const at = now();
		for (const key of event.keysChanged) {
			const sentAt = client.cells.get(key);
			if (sentAt !== undefined) latencies.push(at - sentAt);
		}
	});
}
const writers = clients.slice(0, task.writers);
const editsPerWriter = task.editsPerSecond * task.writeSeconds;
const lag = monitorEventLoopDelay({ resolution: 5 });

port.on('message', async (message: MainMessage) => {
	if (message.type === 'stop') {
		await Promise.all(clients.map((c) => c.close()));
		port.close();
		return;
	}
	lag.enable();
	const interval = 1000 / task.editsPerSecond;
	await Promise.all(
		writers.map(
			(writer, w) =>
				new Promise<void>((resolve) => {
					let seq = 0;
					const offset = (w * interval) / writers.length;
					const write = () => {
						writer.cells.set(task.keys[w * editsPerWriter + seq], now());
						if (++seq >= editsPerWriter) return resolve();
						setTimeout(write, message.startAt + offset + seq * interval - now());
					};
					setTimeout(write, message.startAt + offset - now());
				})
		)
	);
	const deadline = Date.now() + task.drainTimeoutMs;
	const drained = () =>
		clients.every((c, i) => c.cells.size - sizeBefore[i] >= task.expectedPerClient);
	while (!drained() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
	const ackDeadline = Date.now() + 5000;
	while (writers.some((w) => w.acked < w.sent) && Date.now() < ackDeadline) {
		await new Promise((r) => setTimeout(r, 20));
	}
	lag.disable();
	const lost = clients.reduce(
		(sum, c, i) => sum + Math.max(0, task.expectedPerClient - (c.cells.size - sizeBefore[i])),
		0
	);
	const unacked = writers.reduce((sum, w) => sum + Math.max(0, w.sent - w.acked), 0);
	const result: WorkerMessage = {
		type: 'done',
		latencies: Float64Array.from(latencies),
		lost,
		unacked,
		lagP99Ms: lag.percentile(99) / 1e6
	};
	port.postMessage(result, [result.latencies.buffer as ArrayBuffer]);
});

port.postMessage({ type: 'ready' } satisfies WorkerMessage);
