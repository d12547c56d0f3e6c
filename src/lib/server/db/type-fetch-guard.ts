/**
 * postgres.js reads the server's array types on every new connection, in a query of its own whose
 * promise nobody holds (porsager/postgres#1192, #1223, open in 3.4.9). When that query fails (the
 * server restarting or under a statement timeout, the connection cut while it runs), its
 * rejection is unhandled and Node ends the process, with every request and live room in it. The
 * connection itself carries on or reconnects; so that rejection alone is let go, with a warning.
 * Any other unhandled rejection still ends the process, as it would without this guard.
 */

/** Words of the driver's own array-type query; our code never sends it. */
const TYPE_QUERY = 'from pg_catalog.pg_type a';

/** Whether an unhandled rejection is the failure of the driver's array-type query. */
export function isTypeFetchFailure(reason: unknown): boolean {
	if (!(reason instanceof Error)) return false;
	// The driver names the query an error belongs to on the error itself.
	const query = (reason as Error & { query?: unknown }).query;
	return typeof query === 'string' && query.includes(TYPE_QUERY);
}

let installed = false;

/** Lets the driver's failed array-type queries go instead of ending the process (once per process). */
export function survivePostgresTypeFetch(): void {
	if (installed) return;
	installed = true;
	process.on('unhandledRejection', (reason) => {
		// Thrown from this handler, it ends the process as an uncaught exception: Node's default.
		if (!isTypeFetchFailure(reason)) throw reason;
		console.warn(
			`Postgres: a new connection could not read the server's array types (${(reason as Error).message}); the connection carries on.`
		);
	});
}
