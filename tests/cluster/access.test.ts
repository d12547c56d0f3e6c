import { afterAll, beforeAll, expect, it } from 'vitest';
import { until } from '../../scripts/cluster-processes.ts';
import { CLOSE_FORBIDDEN } from '../../src/lib/sync/protocol.ts';
import { Cluster } from './harness.ts';
import { planWithEditors } from './setup.ts';

let cluster: Cluster;
beforeAll(async () => {
	cluster = await Cluster.start();
});
afterAll(() => cluster?.stop());

it('a member removed through one process loses the socket another process serves', async () => {
	const { planId, leader, people, editors } = await planWithEditors(cluster, 2);
	await until(() => editors.every((e) => e.synced), 'editors synced', 15_000);
	const owner = await cluster.nodeOf(planId);
	const other = cluster.nodes.find((n, i) => n && i !== owner)!;

	// Straight to a process that does not own the plan, past HAProxy's routing.
	const origin = `http://127.0.0.1:${other.port}`;
	const res = await fetch(`${origin}/plans/${planId}/members?/setRole`, {
		method: 'POST',
		headers: { cookie: leader.cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ userId: people[0].id, role: 'none' }),
		redirect: 'manual'
	});
	expect(res.status).toBe(200);
	expect(await res.text()).toContain('saved');

	await until(() => editors[0].closes.includes(CLOSE_FORBIDDEN), 'the removed member closed', 5000);
	expect(editors[1].synced).toBe(true);
	for (const e of editors) e.destroy();
});
