/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { PAGES_CACHE } from '$lib/collab/page-cache';

/**
 * Lets a signed-in person reload a plan while offline: the app's own files are kept as they are
 * first fetched (not all at install: every new browser would download the whole app), and plan
 * and scenario pages (and their data, for in-app navigation) go to the network first, falling
 * back to the last copy this browser received. Everything else passes through.
 * Signing out clears these caches (Clear-Site-Data, and the client clears them too).
 */
const sw = self as unknown as ServiceWorkerGlobalScope;
const ASSETS = `concord-assets-${version}`;
const assets = new Set([...build, ...files]);
/**
 * A plan page or a scenario's, or its data, by URL path (the scenarios' list, compare page,
 * summaries and cells are not scenarios); other sub-pages are left to the network.
 */
const PLAN_PAGE =
	/^\/plans\/[^/]+(\/scenarios\/(?!(compare|summaries|cells|__data\.json)(\/|$))[^/]+)?\/?(__data\.json)?$/;

sw.addEventListener('install', (event) => event.waitUntil(sw.skipWaiting()));

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys
						.filter((k) => k.startsWith('concord-assets-') && k !== ASSETS)
						.map((k) => caches.delete(k))
				)
			)
			.then(() => sw.clients.claim())
	);
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (assets.has(url.pathname)) {
		event.respondWith(cacheFirst(event));
	} else if (PLAN_PAGE.test(url.pathname)) {
		event.respondWith(networkFirst(event));
	}
});

/**
 * Keeps a copy of a response without holding the page back: the response goes to the page at
 * once, and the worker stays alive until the copy is stored.
 */
function keep(event: FetchEvent, cacheName: string, response: Response): void {
	const copy = response.clone();
	event.waitUntil(caches.open(cacheName).then((cache) => cache.put(event.request, copy)));
}

async function cacheFirst(event: FetchEvent): Promise<Response> {
	const cached = await caches.match(event.request, { cacheName: ASSETS });
	if (cached) return cached;
	const response = await fetch(event.request);
	if (response.ok) keep(event, ASSETS, response);
	return response;
}

async function networkFirst(event: FetchEvent): Promise<Response> {
	const { request } = event;
	try {
		const response = await fetch(request);
		// Only the page as a signed-in person with access sees it: a redirect to sign-in or an
		// error is not kept.
		if (response.ok && !response.redirected && response.type === 'basic') {
			keep(event, PAGES_CACHE, response);
		}
		return response;
	} catch (error) {
		const cached = await caches.match(request, { cacheName: PAGES_CACHE, ignoreSearch: true });
		if (cached) return cached;
		throw error;
	}
}
