/**
 * The settings of glibc's allocator the server runs with: `npm start` sets the same in
 * package.json, and so do the cluster script and the benches that start the production server.
 * A loaded plan passes buffers of about a MB between threads (a document's snapshot, its sync
 * answer). With glibc's defaults each thread allocates from arenas of its own, and once such a
 * buffer is freed, later ones are carved from arenas that keep their memory after the buffers are
 * gone. Measured with `bench/sync-memory.ts` (after a full collection): a 2,000-item plan added
 * 47–48 MB with the defaults, 21–29 MB with these. Other C libraries ignore them.
 */
export const ALLOCATOR_ENV = {
	MALLOC_ARENA_MAX: '2',
	MALLOC_MMAP_THRESHOLD_: '131072'
} as const;
