import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, setDb, type Db } from '../src/lib/server/db/index.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';
import { openPgliteWorker } from '../server/pglite/client.ts';
import type { AddressInfo } from 'node:net';
import {
	createCollabServer,
	type CollabOptions,
	type CollabServer
} from '../server/collab/index.ts';
import { BenchClient } from './bench-client.ts';

export { median, pct } from './stats.ts';

/**
 * Shared by the benches: the collaboration server on a loopback port, browsers on a plan's meta
 * document, percentiles, millisecond figures and a quiet server log.
 */

export interface LoopbackCollab {
	collab: CollabServer;
	/** ws://127.0.0.1:<port>/collab/plan/<planId> */
	planUrl(planId: string): string;
	close(): Promise<void>;
}

export async function collabOnLoopback(options: CollabOptions = {}): Promise<LoopbackCollab> {
	const collab = createCollabServer({ logger: quietLogger(), ...options });
	const server = http.createServer((_req, res) => res.writeHead(404).end());
	collab.attach(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		collab,
		planUrl: (planId) => `ws://127.0.0.1:${port}/collab/plan/${planId}`,
		async close() {
			await collab.close();
			server.close();
		}
	};
}

/** `count` browsers with the plan open, each synced on its meta document (where notices arrive). */
export function metaBrowsers(
	planUrl: string,
	cookie: string,
	count: number
): Promise<BenchClient[]> {
	return Promise.all(
		Array.from({ length: count }, async () => {
			const meta = await BenchClient.connect(`${planUrl}/meta`, cookie);
			await meta.synced();
			return meta;
		})
	);
}

export function ms(value: number): string {
	return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/** Resolves with the time at which every browser has seen the next notice of `topic`. */
export function waitForNotices(browsers: BenchClient[], topic: string): Promise<number> {
	return Promise.all(
		browsers.map(
			(b) =>
				new Promise<number>((resolve) => {
					const notices = b.doc.getMap<number>('notices');
					const seen = (event: { keysChanged: Set<string> }) => {
						if (!event.keysChanged.has(topic)) return;
						notices.unobserve(seen);
						resolve(performance.now());
					};
					notices.observe(seen);
				})
		)
	).then((times) => Math.max(...times));
}

export function quietLogger() {
	const none = () => {};
	return { debug: none, info: none, warn: none, error: console.error };
}

/**
 * The bench's database, installed as the process database: PGlite in a worker thread on a fresh
 * folder, as `npm start` runs it (BENCH_PGLITE=inline runs it on the event loop, as before), or
 * with BENCH_DATABASE_URL a private schema on that Postgres server; `dispose` removes either.
 */
export async function benchDb(): Promise<{ db: Db; label: string; dispose(): Promise<void> }> {
	const url = process.env.BENCH_DATABASE_URL;
	const schema = url ? `bench_${process.pid}` : undefined;
	const inline = process.env.BENCH_PGLITE === 'inline';
	const dataDir = url ? undefined : mkdtempSync(join(tmpdir(), 'concord-bench-db-'));
	let db: Db;
	if (url || inline) db = await openDb(url ? { url, schema } : { dataDir });
	else {
		db = await openPgliteWorker(dataDir);
		await migrate(db);
	}
	setDb(db);
	return {
		db,
		label: url ? 'Postgres server' : `PGlite (${inline ? 'on the event loop' : 'worker thread'})`,
		async dispose() {
			if (schema) await db.query(`drop schema "${schema}" cascade`);
			await db.close();
			if (dataDir) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
