/**
 * Concord's side of the load bench: an in-memory PGlite (or BENCH_DATABASE_URL), a plan for the
 * load, with BENCH_LARGE_PLAN=1 a large plan too, and the collaboration server on a loopback port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCollabServer } from '../server/collab/index.ts';
import { cellKey } from '../src/lib/domain/measures.ts';
import { periods } from '../src/lib/domain/periods.ts';
import { createPlan, getHierarchy } from '../src/lib/server/plans.ts';
import { createWorkspace } from '../src/lib/server/workspaces.ts';
import { salesEditors, sampleFamilies, signedInUser } from '../tests/helpers/fixtures.ts';
import { seedLargePlan } from './large-plan.ts';
import { benchDb, quietLogger } from './measure.ts';
import { serveBenchRequests, type ServerReady } from './server-ipc.ts';

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
const people = await salesEditors(
	db,
	{ workspaceId, planId, leaderId: leader.id },
	Number(process.env.BENCH_PEOPLE ?? 1)
).then((people) => people.map((p) => p.cookie));
const large =
	process.env.BENCH_LARGE_PLAN === '1' ? await seedLargePlan(db, workspaceId, leader.id) : null;
const collab = createCollabServer({ idleUnloadMs: 1500, logger: quietLogger() });
const server = http.createServer((_req, res) => res.writeHead(404).end());
collab.attach(server);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

serveBenchRequests(async () => {
	await collab.close();
	server.closeAllConnections();
	server.close();
	await dispose();
});

const ready: ServerReady = {
	type: 'ready',
	kind: 'concord',
	port: (server.address() as AddressInfo).port,
	loadDoc: `plan/${planId}/step/1`,
	loadKeys,
	largePlanId: large?.largePlanId,
	cells: large?.cells,
	cookies: people,
	cookie: leader.cookie,
	database
};
process.send?.(ready);
