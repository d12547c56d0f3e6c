import { defineConfig } from 'vite';

/**
 * The production entry and its worker threads compiled to JavaScript (`npm run build`, after the
 * app), so `npm start` runs plain Node: TypeScript compiled on the fly (tsx) cost the idle server
 * about 90 MB, in the main thread and again in the embedded database's worker. The workers sit
 * beside the entry under the names its `new URL('./…mjs', import.meta.url)` ask for; packages stay
 * in node_modules, shared with the app's bundle.
 */
export default defineConfig({
	build: {
		ssr: true,
		outDir: 'build/concord',
		emptyOutDir: true,
		target: 'node20',
		rollupOptions: {
			input: {
				index: 'server/index.ts',
				worker: 'server/pglite/worker.ts',
				'forecast-worker': 'scripts/forecast-worker.ts',
				'fold-worker': 'server/collab/fold-worker.ts'
			},
			output: { entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' }
		}
	}
});
