import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Live collaboration under `vite dev`: the same WebSocket server the production entry attaches,
 * and the same forecast worker threads.
 */
function collabDevServer(): Plugin {
	return {
		name: 'concord-collab',
		apply: 'serve',
		async configureServer(server) {
			const httpServer = server.httpServer;
			if (!httpServer) return;
			// Loaded through Vite's SSR graph, so it shares the database and bridge modules with the app.
			const collabModule = (await server.ssrLoadModule(
				'/server/collab/index.ts'
			)) as typeof import('./server/collab/index.ts');
			const bridge = (await server.ssrLoadModule(
				'/src/lib/server/collab-bridge.ts'
			)) as typeof import('./src/lib/server/collab-bridge.ts');
			const collab = collabModule.createCollabServer();
			collab.attach(httpServer);
			bridge.registerCollab(collab);
			const pool = (await server.ssrLoadModule(
				'/scripts/forecast-pool.ts'
			)) as typeof import('./scripts/forecast-pool.ts');
			const forecastBridge = (await server.ssrLoadModule(
				'/src/lib/server/forecast-bridge.ts'
			)) as typeof import('./src/lib/server/forecast-bridge.ts');
			forecastBridge.registerForecaster({ forecastItems: pool.forecastItems });
			httpServer.on('close', () => void collab.close());
		}
	};
}

const TEST_POSTGRES_URL =
	process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export default defineConfig({
	plugins: [sveltekit(), collabDevServer()],
	server: { port: 3000, strictPort: true },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'pglite',
					include: ['tests/integration/**/*.test.ts'],
					// Several processes share one Postgres server, and the driver's own failures are a
					// server's: the embedded database has no part there.
					exclude: ['tests/integration/cluster/**', 'tests/integration/db/postgres-*.test.ts'],
					env: { TEST_DB: 'pglite' },
					testTimeout: 20000,
					hookTimeout: 30000
				}
			},
			{
				extends: true,
				test: {
					name: 'postgres',
					include: ['tests/integration/**/*.test.ts'],
					// The embedded database's own tests have nothing to check on a server.
					exclude: ['tests/integration/db/pglite-*.test.ts'],
					env: { TEST_DB: 'postgres', TEST_DATABASE_URL: TEST_POSTGRES_URL },
					testTimeout: 20000,
					hookTimeout: 30000
				}
			},
			{
				extends: true,
				test: {
					// Real processes from build/ behind HAProxy, with Redis and Postgres (npm run build first).
					name: 'cluster',
					include: ['tests/cluster/**/*.test.ts'],
					testTimeout: 60000,
					hookTimeout: 90000,
					fileParallelism: false
				}
			}
		]
	}
});
