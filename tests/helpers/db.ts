import { openDb, type Db } from '../../src/lib/server/db/index.ts';
import { randomId } from '../../src/lib/server/ids.ts';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or (TEST_DB=postgres) a
 * private schema on the machine's Postgres server, dropped again by `dispose`.
 */
export async function openTestDb(): Promise<Db & { dispose(): Promise<void> }> {
	if (process.env.TEST_DB === 'postgres') {
		const url = process.env.TEST_DATABASE_URL;
		if (!url) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
		const schema = `t_${randomId(8)}`;
		const db = await openDb({ url, schema });
		return Object.assign(db, {
			async dispose() {
				await db.query(`drop schema "${schema}" cascade`);
				await db.close();
			}
		});
	}
	const db = await openDb({});
	return Object.assign(db, { dispose: () => db.close() });
}
