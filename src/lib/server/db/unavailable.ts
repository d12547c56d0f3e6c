import type { Queryable } from './types.ts';

/**
 * The database cannot be reached right now (it is restarting, or the network to it is down). Pages
 * answer 503 "Database unavailable, retrying" for it rather than a 500 or a request that hangs.
 */
export class DatabaseUnavailableError extends Error {
	readonly databaseUnavailable = true;

	constructor(cause?: unknown) {
		super('The database is unavailable', { cause });
		this.name = 'DatabaseUnavailableError';
	}
}

/** Whether `db` answers `select 1`: an embedded database's `reachable`, its one connection shared. */
export function answersQuery(db: Queryable): Promise<boolean> {
	return db.query('select 1').then(
		() => true,
		() => false
	);
}

/*
 * The SvelteKit bundle and the server entry load this module separately, so a flag rather than
 * instanceof tells the error apart.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	return (
		typeof error === 'object' &&
		error !== null &&
		(error as { databaseUnavailable?: unknown }).databaseUnavailable === true
	);
}

// Errors of postgres-js, Node's sockets and Postgres itself that mean "no server to talk to".
const CONNECTION_CODES = new Set([
	'CONNECT_TIMEOUT',
	'CONNECTION_CLOSED',
	'CONNECTION_DESTROYED',
	'CONNECTION_ENDED',
	'ECONNREFUSED',
	'ECONNRESET',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EPIPE',
	'ETIMEDOUT',
	'EAI_AGAIN',
	'57P01', // admin_shutdown
	'57P02', // crash_shutdown
	'57P03' // cannot_connect_now (starting up, shutting down, in recovery)
]);

/** Whether a driver error means the server is out of reach, rather than a problem of the query. */
export function isConnectionError(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	// Class 08 is Postgres' "connection exception".
	return typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'));
}
