/**
 * One share of the load test's clients, in a worker thread of its own so that the clients of a
 * large room use both cores instead of queueing behind each other on one event loop. Times count
 * from a shared absolute epoch, so a latency spans threads: the value of each written cell is the
 * moment it was written.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { LoadClient } from './load-client.ts';

export interface WorkerTask {
	url: string;
	/** One session cookie per client of this worker (a person each). */
	cookies: string[];
	/** This worker's clients, and how many of them write. */
	clients: number;
	writers: number;
	/** The distinct cells this worker's writers write, editsPerWriter of them per writer in turn. */
	keys: string[];
	editsPerSecond: number;
	writeSeconds: number;
	/** Edits written in all (every worker's writers): each client should receive the others'. */
	totalEdits: number;
	drainTimeoutMs: number;
	/** Whether the server confirms saves (the bare server saves nothing, so it never does). */
	acknowledges: boolean;
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
			/** Milliseconds the writers' timers fired late, p99: the generator falling behind. */
			writeLateP99Ms: number;
			lagP99Ms: number;
	  };

export type MainMessage = { type: 'go'; startAt: number } | { type: 'stop' };

const task = workerData as WorkerTask;
const now = () => performance.timeOrigin + performance.now() - task.epoch;
const port = parentPort!;

const clients: LoadClient[] = [];
for (let i = 0; i < task.clients; i += 25) {
	const wave = Array.from({ length: Math.min(25, task.clients - i) }, (_, k) =>
		LoadClient.connect(task.url, task.cookies[i + k] ?? '', now)
	);
	clients.push(...(await Promise.all(wave)));
}
await Promise.all(clients.map((c) => c.ready));

const writers = clients.slice(0, task.writers);
const editsPerWriter = task.editsPerSecond * task.writeSeconds;
const expected = (client: LoadClient) =>
	task.totalEdits - (writers.includes(client) ? editsPerWriter : 0);
const lag = monitorEventLoopDelay({ resolution: 5 });

port.on('message', async (message: MainMessage) => {
	if (message.type === 'stop') {
		await Promise.all(clients.map((c) => c.close()));
		port.close();
		return;
	}
	lag.enable();
	const late: number[] = [];
	const interval = 1000 / task.editsPerSecond;
	await Promise.all(
		writers.map(
			(writer, w) =>
				new Promise<void>((resolve) => {
					let seq = 0;
					const offset = (w * interval) / writers.length;
					const write = () => {
						const at = now();
						late.push(at - (message.startAt + offset + seq * interval));
						writer.write(task.keys[w * editsPerWriter + seq], at);
						if (++seq >= editsPerWriter) return resolve();
						setTimeout(write, message.startAt + offset + seq * interval - now());
					};
					setTimeout(write, message.startAt + offset - now());
				})
		)
	);
	const deadline = Date.now() + task.drainTimeoutMs;
	const drained = () => clients.every((c) => c.latencies.size >= expected(c));
	while (!drained() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
	const ackDeadline = Date.now() + 5000;
	while (task.acknowledges && writers.some((w) => w.acked < w.sent) && Date.now() < ackDeadline) {
		await new Promise((r) => setTimeout(r, 20));
	}
	lag.disable();
	late.sort((a, b) => a - b);
	const result: WorkerMessage = {
		type: 'done',
		latencies: Float64Array.from(clients.flatMap((c) => [...c.latencies.values()])),
		lost: clients.reduce((sum, c) => sum + Math.max(0, expected(c) - c.latencies.size), 0),
		unacked: !task.acknowledges
			? NaN
			: writers.reduce((sum, w) => sum + Math.max(0, w.sent - w.acked), 0),
		writeLateP99Ms: late[Math.min(late.length - 1, Math.floor(late.length * 0.99))] ?? 0,
		lagP99Ms: lag.percentile(99) / 1e6
	};
	port.postMessage(result, [result.latencies.buffer as ArrayBuffer]);
});

port.postMessage({ type: 'ready' } satisfies WorkerMessage);
