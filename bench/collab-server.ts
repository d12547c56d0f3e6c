/**
 * Concord's side of the load bench: an in-memory PGlite (or BENCH_DATABASE_URL), a plan for the
 * load, with BENCH_LARGE_PLAN=1 a large plan too, and the collaboration server on a loopback port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCollabServer } from '../server/collab/index.ts';
import { cellKey } from '../src/lib/domain/measures.ts';
import { periods } from '../src/lib/domain/periods.ts';
import { createSession, generateSessionToken } from '../src/lib/server/auth/session.ts';
import { randomId } from '../src/lib/server/ids.ts';
import { createPlan, getHierarchy, setPlanRole } from '../src/lib/server/plans.ts';
import { addMember, createWorkspace } from '../src/lib/server/workspaces.ts';
import { sampleFamilies, signedInUser } from '../tests/helpers/fixtures.ts';
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
// Every client is a person of their own (the server limits what one person may use), a sales
// editor: step 1 is theirs to write. They share the leader's password hash; nobody signs in.
const people = await Promise.all(
	Array.from({ length: Number(process.env.BENCH_PEOPLE ?? 1) }, async (_, i) => {
		const id = randomId();
		await db.query(
			`insert into users (id, email, name, password_hash, color)
			 select $1, $2, $3, password_hash, color from users where id = $4`,
			[id, `person.${i}@bench.test`, `Person ${i}`, leader.id]
		);
		await addMember(db, workspaceId, id, 'sales');
		await setPlanRole(db, planId, id, 'editor');
		const token = generateSessionToken();
		await createSession(db, token, id);
		return `concord_session=${token}`;
	})
);
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
