import { afterAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src/lib/server/db/index.ts';
import { randomId } from '../../../src/lib/server/ids.ts';
import { seedDemoIfEmpty } from '../../../src/lib/server/seed.ts';
import { withStartupLock } from '../../../server/startup-lock.ts';

const url = process.env.TEST_DATABASE_URL!;
const schema = `t_${randomId(8)}`;
const opened: Db[] = [];

afterAll(async () => {
	await opened[0]?.query(`drop schema if exists "${schema}" cascade`);
	await Promise.all(opened.map((db) => db.close()));
});

/** What server/index.ts does before serving, on a database of its own. */
async function start(): Promise<boolean> {
	return withStartupLock(url, async () => {
		const db = await openDb({ url, schema });
		opened.push(db);
		return seedDemoIfEmpty(db);
	});
}

describe('several processes starting together', () => {
	it('migrate and seed a fresh database once, one after the other', async () => {
		const seeded = await Promise.all([start(), start(), start()]);
		expect(seeded.filter(Boolean)).toHaveLength(1);
		const [{ n }] = await opened[0].query<{ n: string | number }>(
			`select count(*) as n from workspaces`
		);
		expect(Number(n)).toBe(1);
	});
});
