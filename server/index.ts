/**
 * Production entry: one HTTP server on one port serves the SvelteKit app (built by `npm run build`)
 * and the collaboration WebSocket at /collab/.
 */
import http from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configFromEnv, getDb, setDb, type Db } from '../src/lib/server/db/index.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';
import { registerCollab } from '../src/lib/server/collab-bridge.ts';
import { registerForecaster } from '../src/lib/server/forecast-bridge.ts';
import { forecastItems } from '../scripts/forecast-pool.ts';
import { createCollabServer } from './collab/index.ts';
import { openPgliteWorker } from './pglite/client.ts';
import { warmUp } from './pglite/warm-up.ts';
import { MAX_IMPORT_BYTES } from '../src/lib/server/import/limits.ts';
import { clusterFromEnv } from '../src/lib/server/cluster/config.ts';
import { defaultNodeId } from '../src/lib/server/cluster/node.ts';
import { serveHealth } from './health.ts';
import { withStartupLock } from './startup-lock.ts';
import { seedDemoIfEmpty } from '../src/lib/server/seed.ts';

// Several processes (REDIS_URL) need a shared Postgres; refused before anything starts.
let cluster: ReturnType<typeof clusterFromEnv>;
try {
	cluster = clusterFromEnv();
} catch (error) {
	console.error((error as Error).message);
	process.exit(1);
}
const buildDir = resolve(process.env.CONCORD_BUILD_DIR ?? 'build');
if (!existsSync(`${buildDir}/handler.js`)) {
	console.error(`No build found in ${buildDir}. Run "npm run build" first.`);
	process.exit(1);
}
// adapter-node assumes https unless told the public origin. Without ORIGIN (a plain-HTTP install
// reached by whatever host name) the scheme comes from the socket itself, never from the client.
const PROTOCOL_HEADER = 'x-concord-protocol';
if (!process.env.ORIGIN) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
// adapter-node's cap on every body (512 KB by default) must let an import's file through; the
// app refuses other large bodies itself (hooks.server.ts), with a message.
process.env.BODY_SIZE_LIMIT ??= String(MAX_IMPORT_BYTES + 64 * 1024);
// The embedded database runs in a worker thread, so its queries never hold up the event loop that
// serves pages and relays edits; installed before the app starts, which opens the process database.
const config = configFromEnv();
const demo = process.env.CONCORD_DEMO !== 'off';
if (!config.url) {
	setDb(await openEmbedded(config.dataDir));
} else {
	// Several processes may start together on one Postgres server: one migrates and seeds at a time.
	await withStartupLock(config.url, async () => {
		const db = await getDb();
		if (demo) await seedDemoIfEmpty(db);
	});
}

/**
 * The embedded database, migrated and, on a first start, seeded, then warmed up. Creating the
 * tables and the demo plan grows the worker's WebAssembly memory by some 50 MB that WebAssembly
 * never hands back, so a new worker on the prepared folder takes over.
 */
async function openEmbedded(dataDir: string | undefined): Promise<Db> {
	let db = await openPgliteWorker(dataDir);
	const migrated = (await migrate(db)).length > 0;
	const seeded = demo && (await seedDemoIfEmpty(db));
	if (dataDir && (migrated || seeded)) {
		await db.close();
		db = await openPgliteWorker(dataDir);
	}
	await warmUp(db);
	return db;
}

const { handler: appHandler } = (await import(pathToFileURL(`${buildDir}/handler.js`).href)) as {
	handler: http.RequestListener;
};

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

await getDb();
const server = http.createServer((req, res) => {
	// Before the app: the load balancer's probe, cheap and without a session.
	if (req.method === 'GET' && req.url?.split('?')[0] === '/healthz') {
		void serveHealth(
			{ db: getDb, cluster: collab.cluster, stopping: () => stopping, node: defaultNodeId() },
			res
		);
		return;
	}
	if (!process.env.ORIGIN) {
		req.headers[PROTOCOL_HEADER] =
			'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
	}
	appHandler(req, res);
});
const collab = createCollabServer({ cluster });
collab.attach(server);
registerCollab(collab);
// Forecasts run on worker threads: the event loop that relays edits only relays.
registerForecaster({ forecastItems });
// The collaboration server takes /collab/ upgrades; any other upgrade has no one to answer it.
server.on('upgrade', (req, socket) => {
	if (!req.url?.startsWith('/collab/'))
		socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
});

server.listen(port, host, () => {
	const db = process.env.DATABASE_URL ? 'Postgres server (DATABASE_URL)' : 'embedded PGlite';
	const node = collab.cluster ? `, cluster node ${collab.cluster.id}` : '';
	console.log(`Concord is running on http://localhost:${port} (database: ${db}${node})`);
});

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: saving open plans and shutting down…`);
	server.close();
	await collab.close();
	await (await getDb()).close();
	process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
