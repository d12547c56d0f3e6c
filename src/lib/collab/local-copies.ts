import type { StepNumber } from '../domain/roles.ts';
import { recordOpened, type LocalCopy } from '../domain/offline-edits.ts';

/**
 * Where this browser keeps plans for working offline: one IndexedDB database per step document,
 * and in localStorage the edits not acknowledged yet and the index of plans kept. Every name starts
 * with the user's id, so one person never opens another's copy on a shared computer, and with
 * PREFIX, so signing out can clear everything.
 */
const PREFIX = 'concord:';
/** Plans kept per person; the one opened longest ago is dropped first. */
export const LOCAL_COPY_LIMIT = 10;
const STEPS: StepNumber[] = [1, 2, 3];

export function localDocumentName(userId: string, planId: string, step: StepNumber): string {
	return `${PREFIX}${userId}:${planId}:${step}`;
}

/** The localStorage key of one step document's waiting edits. */
export function waitingKey(userId: string, planId: string, step: StepNumber): string {
	return `${localDocumentName(userId, planId, step)}:waiting`;
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

/** Deletes one plan's copy: its documents and its waiting edits (access to it was withdrawn). */
export async function deletePlanCopy(userId: string, planId: string): Promise<void> {
	localStorage.setItem(
		indexKey(userId),
		JSON.stringify(readIndex(userId).filter((c) => c.planId !== planId))
	);
	await Promise.all(
		STEPS.map((step) => {
			localStorage.removeItem(waitingKey(userId, planId, step));
			return deleteDatabase(localDocumentName(userId, planId, step));
		})
	);
}

/**
 * Deletes everything this app keeps in the browser: documents, waiting edits, cached pages. Run
 * on sign-out, beside the server's Clear-Site-Data header, which a browser may not honour.
 */
export async function clearEverythingLocal(): Promise<void> {
	for (const key of Object.keys(localStorage)) {
		if (key.startsWith(PREFIX)) localStorage.removeItem(key);
	}
	const databases = (await indexedDB.databases?.()) ?? [];
	await Promise.all(
		databases
			.map((d) => d.name)
			.filter((name): name is string => !!name?.startsWith(PREFIX))
			.map(deleteDatabase)
	);
	if ('caches' in globalThis) {
		await Promise.all((await caches.keys()).map((key) => caches.delete(key)));
	}
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const request = indexedDB.deleteDatabase(name);
		// Blocked by a copy still open elsewhere: it is deleted once that closes.
		request.onsuccess = request.onerror = request.onblocked = () => resolve();
	});
}
