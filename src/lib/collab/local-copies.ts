import type { StepNumber } from '../domain/roles.ts';
import { recordOpened, type LocalCopy } from '../domain/offline-edits.ts';
import { PAGES_CACHE } from './page-cache.ts';

/**
 * Where this browser keeps plans for working offline: one IndexedDB database per document (each
 * step's, and each scenario's the person opened), and in localStorage the edits not acknowledged
 * yet and the index of plans kept. Every name starts with the user's id, so one person never opens
 * another's copy on a shared computer, and with PREFIX, so signing out can clear everything.
 */
const PREFIX = 'concord:';
/** Plans kept per person; the one opened longest ago is dropped first, with its scenarios. */
export const LOCAL_COPY_LIMIT = 10;
const STEPS: StepNumber[] = [1, 2, 3];

/** One document of a plan kept locally: a step's, or a scenario's. */
export type LocalPart = StepNumber | { scenarioId: string };

/** Everything kept of one plan starts with this: its documents and their waiting edits. */
const planPrefix = (userId: string, planId: string) => `${PREFIX}${userId}:${planId}:`;

export function localDocumentName(userId: string, planId: string, part: LocalPart): string {
	const name = typeof part === 'number' ? String(part) : `scenario/${part.scenarioId}`;
	return planPrefix(userId, planId) + name;
}

/** The localStorage key of one document's waiting edits. */
export function waitingKey(userId: string, planId: string, part: LocalPart): string {
	return `${localDocumentName(userId, planId, part)}:waiting`;
}

const indexKey = (userId: string) => `${PREFIX}${userId}:copies`;

/** Notes that the plan was opened, and deletes the copies beyond the limit. */
export function rememberOpened(userId: string, planId: string): void {
	const { copies, dropped } = recordOpened(readIndex(userId), planId, Date.now(), LOCAL_COPY_LIMIT);
	localStorage.setItem(indexKey(userId), JSON.stringify(copies));
	for (const plan of dropped) void deletePlanCopy(userId, plan);
}

function readIndex(userId: string): LocalCopy[] {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(indexKey(userId)) ?? '[]');
		return Array.isArray(parsed) ? (parsed as LocalCopy[]) : [];
	} catch {
		return [];
	}
}

/**
 * Deletes one plan's copy: the documents of its steps and of its scenarios, and their waiting
 * edits (access to it was withdrawn, or it was opened longest ago).
 */
export async function deletePlanCopy(userId: string, planId: string): Promise<void> {
	localStorage.setItem(
		indexKey(userId),
		JSON.stringify(readIndex(userId).filter((c) => c.planId !== planId))
	);
	const prefix = planPrefix(userId, planId);
	for (const key of Object.keys(localStorage)) {
		if (key.startsWith(prefix)) localStorage.removeItem(key);
	}
	// Steps by name as well, for a browser that cannot list its databases.
	const names = new Set(STEPS.map((step) => localDocumentName(userId, planId, step)));
	for (const name of await databaseNames()) if (name.startsWith(prefix)) names.add(name);
	await Promise.all([...names].map(deleteDatabase));
	await forgetPages(planId);
}

/** Drops the plan's pages (and its scenarios') from the service worker's cache. */
async function forgetPages(planId: string): Promise<void> {
	if (!('caches' in globalThis) || !(await caches.has(PAGES_CACHE))) return;
	const cache = await caches.open(PAGES_CACHE);
	const prefix = `/plans/${planId}/`;
	for (const request of await cache.keys()) {
		if (`${new URL(request.url).pathname}/`.startsWith(prefix)) await cache.delete(request);
	}
}

/** Deletes one document's copy and its waiting edits (e.g. a scenario no longer shared). */
export async function deleteLocalDocument(
	userId: string,
	planId: string,
	part: LocalPart
): Promise<void> {
	localStorage.removeItem(waitingKey(userId, planId, part));
	await deleteDatabase(localDocumentName(userId, planId, part));
}

/**
 * Deletes everything this app keeps in the browser: documents, waiting edits, cached pages. Run
 * on sign-out, beside the server's Clear-Site-Data header, which a browser may not honour.
 */
export async function clearEverythingLocal(): Promise<void> {
	for (const key of Object.keys(localStorage)) {
		if (key.startsWith(PREFIX)) localStorage.removeItem(key);
	}
	const names = (await databaseNames()).filter((name) => name.startsWith(PREFIX));
	await Promise.all(names.map(deleteDatabase));
	if ('caches' in globalThis) {
		await Promise.all((await caches.keys()).map((key) => caches.delete(key)));
	}
}

async function databaseNames(): Promise<string[]> {
	const databases = (await indexedDB.databases?.()) ?? [];
	return databases.map((d) => d.name).filter((name): name is string => !!name);
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const request = indexedDB.deleteDatabase(name);
		// Blocked by a copy still open elsewhere: it is deleted once that closes.
		request.onsuccess = request.onerror = request.onblocked = () => resolve();
	});
}
