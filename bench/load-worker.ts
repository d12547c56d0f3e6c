/**
 * One share of the load test's clients, in a worker thread of its own so that the clients of a
 * large room use both cores instead of queueing behind each other on one event loop. Times count
 * from a shared absolute epoch, so a latency spans threads: the value of each written cell is the
 * moment it was written.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { LoadClient } from './load-client.ts';

/** Clients of one document: some of them write, all of them should receive the others' edits. */
export interface LoadGroup {
	url: string;
	/** This group's clients in this worker... */
	clients: number;
	/** ...and a session cookie for each (a person each; none for the bare server). */
	cookies: string[];
	/** How many of these clients write. */
	writers: number;
	/** The distinct cells this group's writers write, editsPerWriter of them per writer in turn. */
	keys: string[];
	/** Edits written into the document in all (every worker's writers of it). */
	totalEdits: number;
}

export interface WorkerTask {
	groups: LoadGroup[];
	editsPerSecond: number;
	writeSeconds: number;
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
			/** Milliseconds from each edit to its acknowledgement as saved (empty on the bare server). */
			saves: Float64Array;
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

const editsPerWriter = task.editsPerSecond * task.writeSeconds;
/** Every client with what it writes (none for a reader) and how many edits it should receive. */
const all: { client: LoadClient; keys: string[]; expected: number }[] = [];
for (const group of task.groups) {
	for (let i = 0; i < group.clients; i += 25) {
		const wave = Array.from({ length: Math.min(25, group.clients - i) }, (_, k) =>
			LoadClient.connect(group.url, group.cookies[i + k] ?? '', now)
		);
		(await Promise.all(wave)).forEach((client, k) => {
			const w = i + k;
			const writer = w < group.writers;
			all.push({
				client,
				keys: writer ? group.keys.slice(w * editsPerWriter, (w + 1) * editsPerWriter) : [],
				expected: group.totalEdits - (writer ? editsPerWriter : 0)
			});
		});
	}
}
const clients = all.map((c) => c.client);
await Promise.all(clients.map((c) => c.ready));
const writers = all.filter((c) => c.keys.length > 0);
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
			({ client: writer, keys }, w) =>
				new Promise<void>((resolve) => {
					let seq = 0;
					const offset = (w * interval) / writers.length;
					const write = () => {
						const at = now();
						late.push(at - (message.startAt + offset + seq * interval));
						writer.write(keys[seq], at);
						if (++seq >= editsPerWriter) return resolve();
						setTimeout(write, message.startAt + offset + seq * interval - now());
					};
					setTimeout(write, message.startAt + offset - now());
				})
		)
	);
	const deadline = Date.now() + task.drainTimeoutMs;
	const drained = () => all.every((c) => c.client.latencies.size >= c.expected);
	while (!drained() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
	const ackDeadline = Date.now() + 5000;
	while (
		task.acknowledges &&
		writers.some(({ client: w }) => w.acked < w.sent) &&
		Date.now() < ackDeadline
	) {
		await new Promise((r) => setTimeout(r, 20));
	}
	lag.disable();
	late.sort((a, b) => a - b);
	const result: WorkerMessage = {
		type: 'done',
		latencies: Float64Array.from(clients.flatMap((c) => [...c.latencies.values()])),
		saves: Float64Array.from(writers.flatMap(({ client: w }) => w.saves)),
		lost: all.reduce((sum, c) => sum + Math.max(0, c.expected - c.client.latencies.size), 0),
		unacked: !task.acknowledges
			? NaN
			: writers.reduce((sum, { client: w }) => sum + Math.max(0, w.sent - w.acked), 0),
		writeLateP99Ms: late[Math.min(late.length - 1, Math.floor(late.length * 0.99))] ?? 0,
		lagP99Ms: lag.percentile(99) / 1e6
	};
	port.postMessage(result, [result.latencies.buffer, result.saves.buffer] as ArrayBuffer[]);
});

port.postMessage({ type: 'ready' } satisfies WorkerMessage);
