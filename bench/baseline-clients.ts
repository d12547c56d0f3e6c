/**
 * The clients of bench/baseline-refresh.ts, in a worker thread so that their work (applying a
 * 2,000-row baseline) does not run on the server's event loop, as it would not in production.
 * 'browsers': `count` clients with the plan's step 1 open; reports when each has every baseline
 * row. 'typist': one client typing into step 2 at a steady rate; reports each edit's round trip
 * (sent until the server confirms it saved).
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type * as Y from 'yjs';
import { BenchClient } from './bench-client.ts';

export type ClientsTask =
	| { role: 'browsers'; url: string; cookie: string; count: number; rows: number }
	| { role: 'typist'; url: string; cookie: string; keys: string[]; editsPerSecond: number };

export type ClientsMessage =
	{ type: 'ready' } | { type: 'delivered' } | { type: 'latencies'; latencies: number[] };

export type ClientsCommand = { type: 'type' } | { type: 'stop' } | { type: 'exit' };

const task = workerData as ClientsTask;
const port = parentPort!;

if (task.role === 'browsers') {
	const clients = await Promise.all(
		Array.from({ length: task.count }, () => BenchClient.connect(task.url, task.cookie))
	);
	await Promise.all(clients.map((c) => c.synced()));
	let waiting = 0;
	for (const client of clients) {
		const base = client.doc.getMap('base');
		base.observe((event: Y.YMapEvent<unknown>) => {
			if (event.keysChanged.size < task.rows) return;
			if (--waiting === 0) port.postMessage({ type: 'delivered' } satisfies ClientsMessage);
		});
	}
	port.on('message', async (m: ClientsCommand) => {
		if (m.type === 'type') waiting = clients.length;
		if (m.type === 'exit') {
			await Promise.all(clients.map((c) => c.close()));
			process.exit(0);
		}
	});
} else {
	const client = await BenchClient.connect(task.url, task.cookie);
	await client.synced();
	let timer: NodeJS.Timeout | null = null;
	let pending: { n: number; at: number }[] = [];
	let latencies: number[] = [];
	let edit = 0;
	// Confirmations arrive as a running count: an edit is saved once the count reaches it.
	const poll = setInterval(() => {
		const now = performance.now();
		while (pending.length && client.acked >= pending[0].n)
			latencies.push(now - pending.shift()!.at);
	}, 1);
	port.on('message', async (m: ClientsCommand) => {
		if (m.type === 'type') {
			latencies = [];
			pending = [];
			timer = setInterval(() => {
				client.cells.set(task.keys[edit++ % task.keys.length], edit);
				pending.push({ n: client.sent, at: performance.now() });
			}, 1000 / task.editsPerSecond);
		}
		if (m.type === 'stop') {
			if (timer) clearInterval(timer);
			// The last edits are given a moment to be confirmed.
			const deadline = performance.now() + 3000;
			while (pending.length && performance.now() < deadline)
				await new Promise((r) => setTimeout(r, 10));
			port.postMessage({ type: 'latencies', latencies } satisfies ClientsMessage);
		}
		if (m.type === 'exit') {
			clearInterval(poll);
			await client.close();
			process.exit(0);
		}
	});
}
port.postMessage({ type: 'ready' } satisfies ClientsMessage);
