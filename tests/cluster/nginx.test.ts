/**
 * deploy/nginx.conf, the README's alternative to HAProxy, run for real (Debian's nginx) in front of
 * the cluster's three processes: routing by plan id, the WebSocket upgrade, and a dead process's
 * plans moving to the others while the rest stay where they are.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cellKey } from '../../src/lib/domain/measures.ts';
import {
	freePort,
	startChild,
	stopChild,
	until,
	type Child
} from '../../scripts/cluster-processes.ts';
import { Cluster } from './harness.ts';
import { Editor } from './editor.ts';
import { MONTHS, planWithPeople } from './setup.ts';

const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
/** Plan ids to route: enough that all three processes get some, whatever ports they listen on. */
const PLAN_IDS = Array.from({ length: 40 }, (_, i) => `nginx-plan-${i}`);

type Nginx = Child & { port: number; dir: string };

let cluster: Cluster;
let nginx: Nginx;

/** deploy/nginx.conf with its addresses changed, as its header asks, inside a minimal nginx.conf. */
async function startNginx(backends: number[]): Promise<Nginx> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'concord-nginx-'));
	let conf = readFileSync('deploy/nginx.conf', 'utf8');
	const changes = [
		...backends.map((backend, i) => [`127.0.0.1:${3001 + i}`, `127.0.0.1:${backend}`]),
		['listen 3000;', `listen 127.0.0.1:${port};`]
	];
	for (const [from, to] of changes) {
		if (!conf.includes(from)) throw new Error(`deploy/nginx.conf no longer has ${from}`);
		conf = conf.replace(from, to);
	}
	writeFileSync(join(dir, 'concord.conf'), conf);
	writeFileSync(
		join(dir, 'nginx.conf'),
		[
			// One process, no workers: nothing is left running should this test die.
			'daemon off;',
			'master_process off;',
			`pid ${dir}/nginx.pid;`,
			'error_log stderr;',
			'events {}',
			`http { access_log off; client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;`,
			`include ${dir}/concord.conf; }`
		].join('\n')
	);
	const child = startChild(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { label: 'nginx' });
	await until(async () => {
		const res = await fetch(`http://127.0.0.1:${port}/healthz`);
		await res.body?.cancel();
		return res.ok;
	}, 'nginx serving');
	return { ...child, port, dir };
}

/** The process (its address) that answered a request through nginx: the last one it tried. */
async function servedBy(path: string): Promise<{ address: string; status: number }> {
	const res = await fetch(`http://127.0.0.1:${nginx.port}${path}`, { redirect: 'manual' });
	await res.body?.cancel();
	const tried = res.headers.get('x-concord-server') ?? '';
	return { address: tried.split(', ').at(-1)!, status: res.status };
}

const portOf = (address: string) => Number(address.split(':')[1]);

beforeAll(async () => {
	cluster = await Cluster.start();
	nginx = await startNginx(cluster.nodes.map((node) => node!.port));
});

afterAll(async () => {
	if (nginx) {
		await stopChild(nginx);
		rmSync(nginx.dir, { recursive: true, force: true });
	}
	await cluster?.stop();
});

it('sends every request about a plan to one process, and the plans over all three', async () => {
	const byPlan = new Map<string, string>();
	for (const id of PLAN_IDS) {
		const paths = [`/plans/${id}`, `/plans/${id}/versions`, `/api/plans/${id}/cells`];
		const answers = await Promise.all(paths.map(servedBy));
		expect(new Set(answers.map((a) => a.address)).size, `plan ${id}`).toBe(1);
		byPlan.set(id, answers[0].address);
	}
	const ports = new Set([...byPlan.values()].map(portOf));
	expect(ports).toEqual(new Set(cluster.nodes.map((node) => node!.port)));
});

it("carries an editor's WebSocket, and when its process is killed moves only that process's plans", async () => {
	const { planId, items, people, doc } = await planWithPeople(cluster, 1);
	const editor = new Editor(`ws://127.0.0.1:${nginx.port}/collab`, doc, people[0].cookie);
	try {
		await until(() => editor.synced, 'the editor synced through nginx', 15_000);
		const key = cellKey(items[0].id, MONTHS[0], 'forecast');
		editor.write(key, 41);
		await until(() => editor.saved.get(key) === 41, 'the edit saved', 10_000);

		const before = new Map<string, string>();
		for (const id of [planId, ...PLAN_IDS])
			before.set(id, (await servedBy(`/plans/${id}`)).address);
		const dead = portOf(before.get(planId)!);
		await cluster.kill(cluster.nodes.findIndex((node) => node?.port === dead));

		for (const [id, address] of before) {
			const now = await servedBy(`/plans/${id}`);
			expect(now.status, `plan ${id} after the kill`).toBeLessThan(500);
			if (portOf(address) === dead) expect(portOf(now.address)).not.toBe(dead);
			else expect(now.address, `plan ${id} stays on its process`).toBe(address);
		}
		// The editor's socket follows its plan to another process, with its saved edit there.
		await until(
			() => editor.droppedAt > 0 && editor.resyncedAt > editor.droppedAt && editor.synced,
			'the editor back on a live process'
		);
		expect(editor.cells.get(key)).toBe(41);
		const second = new Editor(`ws://127.0.0.1:${nginx.port}/collab`, doc, people[0].cookie);
		try {
			await until(() => second.synced, 'a new editor synced after the kill', 15_000);
			expect(second.cells.get(key)).toBe(41);
		} finally {
			second.destroy();
		}
	} finally {
		editor.destroy();
	}
});
