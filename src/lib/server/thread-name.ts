import { writeFileSync } from 'node:fs';

/** What each of the server's worker threads is called (at most 15 bytes). */
export const THREAD_NAMES = {
	database: 'concord-db',
	fold: 'concord-fold',
	forecast: 'concord-fcst'
} as const;

/**
 * Names the calling thread for the operating system, so `top -H` and `ps -L` show which of the
 * server's threads is busy (all are "node" otherwise) and the load bench can tell them apart.
 * Linux keeps the first 15 bytes; elsewhere, or where /proc is not there, nothing happens.
 */
export function nameThisThread(name: string): void {
	try {
		writeFileSync('/proc/thread-self/comm', name);
	} catch {
		// A name is a convenience for people looking on: no thread stops for want of one.
	}
}
