import postgres from 'postgres';

/** Any fixed number: the key of the advisory lock that processes starting together share. */
const STARTUP_LOCK = 7_310_552_024;

/**
 * Runs `fn` (migrations, the demo seed) while holding a Postgres advisory lock, so that several
 * processes starting at once on one database take turns: the first migrates and seeds, the others
 * then find nothing left to do, instead of failing on each other's tables and rows. The lock lives
 * on a connection of its own (session locks belong to one connection, and the pool has many).
 */
export async function withStartupLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
	const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
	try {
		await sql`select pg_advisory_lock(${STARTUP_LOCK})`;
		try {
			return await fn();
		} finally {
			await sql`select pg_advisory_unlock(${STARTUP_LOCK})`.catch(() => {});
		}
	} finally {
		await sql.end({ timeout: 5 });
	}
}
