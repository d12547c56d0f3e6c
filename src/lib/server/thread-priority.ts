import { setPriority } from 'node:os';

/** The nice value of the server's background threads: below the event loop that relays edits. */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the calling worker thread's scheduling priority, so that when the cores are busy the
 * event loop relaying edits to everyone runs first and the background work (saves, compaction,
 * forecasts) waits its turn. Linux keeps a nice value per thread, and 0 means the calling thread;
 * elsewhere it would be the whole process's, so nothing happens there.
 */
export function runInBackground(): void {
	if (process.platform !== 'linux') return;
	try {
		setPriority(0, BACKGROUND_NICE);
	} catch {
		// Not allowed here (a sandbox): the thread runs at the process's priority, as before.
	}
}
