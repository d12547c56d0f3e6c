import { afterAll, beforeAll, expect, it } from 'vitest';
import { sleep, until } from '../../scripts/cluster-processes.ts';
import { Cluster } from './harness.ts';
import { storedCells } from './editor.ts';
import { planWithEditors } from './setup.ts';

let cluster: Cluster;
beforeAll(async () => {
	cluster = await Cluster.start({ databaseProxy: true });
});
afterAll(() => cluster?.stop());

it('a Postgres restart: edits wait, are never reported saved meanwhile, and are saved once it is back', async () => {
	const { doc, editors, type } = await planWithEditors(cluster, 2);
	const [writer] = editors;
	await until(() => editors.every((e) => e.synced), 'editors synced', 15_000);
	type(0, 0);
	await until(() => writer.state === 'saved', 'first edit saved');

	// Every database connection reset and new ones refused, as while Postgres restarts.
	cluster.databaseProxy!.cut();
	type(0, 1);
	// Every state the badge shows from the first edit made during the outage on.
	const states = new Set<string>();
	const unsubscribe = writer.tracker.subscribe((state) => states.add(state));
	for (let n = 2; n <= 5; n++) {
		type(0, n);
		await sleep(200);
	}
	await sleep(2000);
	expect(writer.state).not.toBe('saved');
	expect(states).not.toContain('saved');
	const stored = await storedCells(cluster.db, doc);
	expect(Object.values(stored)).toEqual([1]);

	cluster.databaseProxy!.restore();
	await until(() => writer.state === 'saved', 'the edits saved once Postgres is back', 30_000);
	unsubscribe();
	const after = await storedCells(cluster.db, doc);
	for (const [key, values] of writer.written) expect(after[key], key).toBe(values.at(-1));
	await until(
		() => JSON.stringify(editors[1].cells.toJSON()) === JSON.stringify(after),
		'the other editor has them'
	);
	for (const e of editors) e.destroy();
});
