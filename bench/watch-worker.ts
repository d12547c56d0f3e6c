/**
 * Browsers with a document open, in a worker thread of their own, so that applying what the
 * server sends them does not count as the server's time: each posts the absolute time at which
 * the watched map (a step document's `base` unless told) changed, and its size then.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { BenchClient } from './bench-client.ts';

export interface WatchTask {
	url: string;
	cookie: string;
	browsers: number;
	map?: string;
}

export type WatchMessage = { type: 'ready' } | { type: 'seen'; at: number; size: number };

const task = workerData as WatchTask;
const port = parentPort!;
const clients = await Promise.all(
	Array.from({ length: task.browsers }, async () => {
		const client = await BenchClient.connect(task.url, task.cookie);
		await client.synced();
		return client;
	})
);
for (const client of clients) {
	const map = client.doc.getMap(task.map ?? 'base');
	map.observe(() => {
		const at = performance.timeOrigin + performance.now();
		port.postMessage({ type: 'seen', at, size: map.size } satisfies WatchMessage);
	});
}
port.postMessage({ type: 'ready' } satisfies WatchMessage);
port.on('message', async (message: string) => {
	if (message !== 'stop') return;
	for (const client of clients) await client.close();
	port.close();
});
