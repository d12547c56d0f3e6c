/**
 * The bench's server process: an in-memory PGlite, a plan for the load, a large plan, and the
 * collaboration server on a loopback port. Driven over IPC by collab-load.ts, so that its CPU and
 * memory are measured apart from the clients.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCollabServer } from '../server/collab/index.ts';
import { cellKey } from '../src/lib/domain/measures.ts';
import { periods } from '../src/lib/domain/periods.ts';
import { createPlan, getHierarchy } from '../src/lib/server/plans.ts';
import { createWorkspace } from '../src/lib/server/workspaces.ts';
import { sampleFamilies, signedInUser } from '../tests/helpers/fixtures.ts';
import { seedLargePlan } from './large-plan.ts';
import { benchDb } from './measure.ts';

export type ServerRequest = { id: number; type: 'sample' | 'stop' };

export interface ServerSample {
	cpuMicros: number;
	rss: number;
	heapUsed: number;
	/** 99th percentile event-loop delay since the previous sample. */
	loopDelayP99Ms: number;
	docs: number;
	connections: number;
	pendingUpdates: number;
	logRows: number;
}

export interface ServerReady {
	type: 'ready';
	port: number;
	planId: string;
	/** Cells of the load plan's step 1 that a sales editor may write, each one a distinct key. */
	loadKeys: string[];
	/** A plan of LARGE_PLAN items × months × measures (see large-plan.ts). */
	largePlanId: string;
	cells: number;
	cookie: string;
	database: string;
}

if (!process.send) throw new Error('collab-server.ts runs as a child of collab-load.ts');

// BENCH_DATABASE_URL compares against a Postgres server; the default is the embedded PGlite.
const { db, label: database, dispose } = await benchDb();
const leader = await signedInUser(db, 'Bench Leader');
// The load test writes a distinct real cell per edit (the server refuses keys the grid would never
// write): 200 items × 24 months × 3 demand measures is room for 14,400 edits.
const workspaceId = await createWorkspace(db, 'Bench', leader.id);
const loadMonths = periods('2027-01', 24);
const planId = await createPlan(
	db,
	{
		workspaceId,
		name: 'Load',
		startMonth: loadMonths[0],
		horizon: loadMonths.length,
		families: sampleFamilies(10, 20)
	},
	leader.id
);
const loadKeys = (await getHierarchy(db, planId)).items.flatMap((item) =>
	loadMonths.flatMap((month) =>
		['forecast', 'marketing', 'consensus'].map((measure) => cellKey(item.id, month, measure))
	)
);
const { largePlanId, cells } = await seedLargePlan(db, workspaceId, leader.id);
const collab = createCollabServer({ idleUnloadMs: 1500 });
const server = http.createServer((_req, res) => res.writeHead(404).end());
collab.attach(server);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

process.on('message', async (request: ServerRequest) => {
	if (request.type === 'sample') {
		const cpu = process.cpuUsage();
		const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from yjs_updates`);
		const memory = process.memoryUsage();
		const sample: ServerSample = {
			cpuMicros: cpu.user + cpu.system,
			rss: memory.rss,
			heapUsed: memory.heapUsed,
			loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
			...collab.stats(),
			logRows: n
		};
		loopDelay.reset();
		process.send?.({ id: request.id, sample });
	} else {
		await collab.close();
		server.closeAllConnections();
		server.close();
		await dispose();
		process.send?.({ id: request.id }, () => process.exit(0));
	}
});

const ready: ServerReady = {
	type: 'ready',
	port: (server.address() as AddressInfo).port,
	planId,
	loadKeys,
	largePlanId,
	cells,
	cookie: leader.cookie,
	database
};
process.send(ready);
