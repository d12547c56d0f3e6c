import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/lib/server/db/index.ts';

describe('embedded database folder', () => {
	let root: string | undefined;
	afterEach(async () => {
		if (root) await rm(root, { recursive: true, force: true });
	});

	// Creating an embedded database on disk takes seconds, more on a busy machine.
	it(
		'is created with its missing parents, as on a fresh clone without .data',
		{ timeout: 90_000 },
		async () => {
			root = await mkdtemp(join(tmpdir(), 'concord-fresh-'));
			const dataDir = join(root, '.data', 'pglite');
			const db = await openDb({ dataDir });
			try {
				const [row] = await db.query<{ n: number }>('select count(*)::int as n from users');
				expect(row.n).toBe(0);
			} finally {
				await db.close();
			}
			expect((await stat(dataDir)).isDirectory()).toBe(true);
		}
	);
});
