import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sleep, until } from '../../scripts/cluster-processes.ts';
import { Cluster } from './harness.ts';
import { storedCells } from './editor.ts';
import { planWithEditors } from './setup.ts';

let cluster: Cluster;
beforeAll(async () => {
	cluster = await Cluster.start();
});
afterAll(() => cluster?.stop());

/** Keys of the cluster's Redis that mention `planId` (its lease, whatever the key's shape). */
function redisKeysOf(planId: string): string[] {
	const out = execFileSync('redis-cli', [
		'-p',
		String(cluster.redisPort),
		'--scan',
		'--pattern',
		`*${planId}*`
	]);
	return out.toString().split('\n').filter(Boolean);
}

it('a Redis restart: loaded plans keep serving, leases come back, and new plans open', async () => {
	const loaded = await planWithEditors(cluster, 2);
	await until(() => loaded.editors.every((e) => e.synced), 'editors synced', 15_000);
	loaded.type(0, 0);
	await until(() => loaded.editors[0].state === 'saved', 'first edit saved');
	expect(redisKeysOf(loaded.planId).length).toBeGreaterThan(0);

	await cluster.stopRedis();
	// Without Redis, the plan already loaded goes on: edits relay and are saved.
	for (let n = 1; n <= 5; n++) {
		loaded.type(0, n);
		await sleep(100);
	}
	await until(() => loaded.editors[0].state === 'saved', 'edits saved while Redis is away', 10_000);
	await until(() => loaded.editors[1].cells.size === 6, 'edits relayed while Redis is away');
	expect(loaded.editors.every((e) => e.synced)).toBe(true);

	await cluster.startRedis();
	// The owner writes its lease again into the empty Redis, and keeps the plan.
	await until(() => redisKeysOf(loaded.planId).length > 0, 'the lease back in Redis', 15_000);
	loaded.type(1, 0);
	await until(() => loaded.editors[1].state === 'saved', 'edit saved after the restart');

	const fresh = await planWithEditors(cluster, 1);
	await until(() => fresh.editors[0].synced, 'a new plan opened after the restart', 15_000);
	fresh.type(0, 0);
	await until(() => fresh.editors[0].state === 'saved', 'its edit saved');
	expect(Object.keys(await storedCells(cluster.db, fresh.doc))).toHaveLength(1);
	for (const e of [...loaded.editors, ...fresh.editors]) e.destroy();
});
