/**
 * The IPC both bench server processes answer (Concord's and the bare y-websocket server): samples
 * of their own CPU, memory and event-loop delay, and a stop. Run as children of collab-load.ts, so
 * what they use is measured apart from the clients.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export type ServerRequest = { id: number; type: 'sample' | 'stop' };

export interface ServerSample {
	/** The whole process: the event loop, worker threads (the database's), V8's compilers and GC. */
	cpuMicros: number;
	/** The main thread's own, which relays the edits; null where Linux's /proc is not there. */
	loopCpuMicros: number | null;
	rss: number;
	heapUsed: number;
	/** 99th percentile event-loop delay since the previous sample. */
	loopDelayP99Ms: number;
}

export interface ServerReady {
	type: 'ready';
	/** Concord, or the bare in-memory y-websocket server it is compared with. */
	kind: 'concord' | 'bare';
	port: number;
	/** The document of the load phases, relative to ws://127.0.0.1:<port>/collab/. */
	loadDoc: string;
	/** Cells a writer may write, each one a distinct key; the bare server takes Concord's. */
	loadKeys: string[];
	/** A plan of LARGE_PLAN items × months × measures (see large-plan.ts), when one was seeded. */
	largePlanId?: string;
	cells?: number;
	/** The leader's session cookie, and one per client of the load (BENCH_PEOPLE of them). */
	cookie: string;
	cookies: string[];
	database: string;
}

/** Answers the parent's samples until it asks the process to stop, then runs `stop` and exits. */
export function serveBenchRequests(stop: () => Promise<void>): void {
	if (!process.send) throw new Error('a bench server runs as a child of collab-load.ts');
	const loopDelay = monitorEventLoopDelay({ resolution: 5 });
	loopDelay.enable();
	process.on('message', async (request: ServerRequest) => {
		if (request.type === 'sample') {
			const cpu = process.cpuUsage();
			const memory = process.memoryUsage();
			const sample: ServerSample = {
				cpuMicros: cpu.user + cpu.system,
				loopCpuMicros: mainThreadCpuMicros(),
				rss: memory.rss,
				heapUsed: memory.heapUsed,
				loopDelayP99Ms: loopDelay.percentile(99) / 1e6
			};
			loopDelay.reset();
			process.send?.({ id: request.id, sample });
		} else {
			await stop();
			process.send?.({ id: request.id }, () => process.exit(0));
		}
	});
}

/** CPU time of the process's main thread (its schedstat counts nanoseconds on a CPU). */
function mainThreadCpuMicros(): number | null {
	try {
		const stat = readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'utf8');
		return Number(stat.split(' ')[0]) / 1000;
	} catch {
		return null;
	}
}
