import { afterAll, beforeAll, expect, it } from 'vitest';
import { sleep, until } from '../../scripts/cluster-processes.ts';
import { Cluster } from './harness.ts';
import { lostSaves, storedCells } from './editor.ts';
import { planWithEditors } from './setup.ts';

const EDITORS = 20;
const TYPE_EVERY_MS = 100;

let cluster: Cluster;
beforeAll(async () => {
	cluster = await Cluster.start();
});
afterAll(() => cluster?.stop());

it('a SIGKILLed owner loses no saved edit: its editors are back on another process within 5 s and resend the rest', async () => {
	const { planId, doc, editors, type } = await planWithEditors(cluster, EDITORS);
	await until(() => editors.every((e) => e.synced), 'every editor synced', 15_000);
	const owner = await cluster.nodeOf(planId);

	let typing = true;
	const typed = editors.map(async (_, e) => {
		for (let n = 0; typing; n++) {
			type(e, n);
			await sleep(TYPE_EVERY_MS);
		}
	});
	await until(() => editors.every((e) => e.saved.size > 0), 'saved edits from every editor');
	await sleep(500);

	await cluster.kill(owner, 'SIGKILL');
	const killedAt = performance.now();
	// What each browser was told was saved is in Postgres, before anyone had time to resend it.
	const savedAtKill = await storedCells(cluster.db, doc);
	expect(editors.flatMap((e) => lostSaves(e, savedAtKill))).toEqual([]);

	await sleep(3000);
	typing = false;
	await Promise.all(typed);

	await until(() => editors.every((e) => e.synced), 'every editor synced again', 10_000).catch(
		(error: Error) => {
			const closes = editors.map((e) => e.closes.join('/'));
			throw new Error(`${error.message}; close codes: ${closes}\n${cluster.allOutput()}`);
		}
	);
	const failover = editors.map((e) => e.resyncedAt - killedAt);
	expect(Math.max(...failover)).toBeLessThan(5000);
	expect(Math.min(...failover)).toBeGreaterThan(0);
	expect(await cluster.nodeOf(planId)).not.toBe(owner);

	// Unacknowledged edits are resent: everything typed ends up saved, stored, and on every client.
	await until(() => editors.every((e) => e.state === 'saved'), 'every editor saved', 15_000);
	const stored = await storedCells(cluster.db, doc);
	for (const e of editors) {
		for (const [key, values] of e.written) expect(stored[key], key).toBe(values.at(-1));
	}
	// Compared as sets of cells: each client's map lists keys in the order it heard of them.
	const cellsOf = (cells: Record<string, unknown>) => JSON.stringify(Object.entries(cells).sort());
	await until(
		() => editors.every((e) => cellsOf(e.cells.toJSON()) === cellsOf(stored)),
		'every client equal to the stored document'
	);
	for (const e of editors) e.destroy();
});
