import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// Every stylesheet (the largest, the board's, is 20 KB) goes in the page's <head>: a first
		// visit then lays out and paints without waiting for six stylesheet requests, which a busy
		// browser and the service worker it passes them through made take about 300 ms (README,
		// "Styles in the page, items as JSON text").
		inlineStyleThreshold: 32 * 1024,
		// Forms post from our own pages only; the collaboration server checks Origin itself.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
