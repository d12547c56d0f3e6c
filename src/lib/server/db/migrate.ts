import { migrations } from './migrations.ts';
import type { Db } from './types.ts';

/** Applies every migration not yet recorded, each in its own transaction. */
export async function migrate(db: Db): Promise<string[]> {
	await db.query(
		`create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())`
	);
	const done = new Set(
		(await db.query<{ id: string }>(`select id from schema_migrations`)).map((r) => r.id)
	);
	const applied: string[] = [];
	for (const m of migrations) {
		if (done.has(m.id)) continue;
		await db.transaction(async (tx) => {
			for (const statement of splitStatements(m.sql)) await tx.query(statement);
			await tx.query(`insert into schema_migrations (id) values ($1)`, [m.id]);
		});
		applied.push(m.id);
	}
	return applied;
}

/** Extended-protocol queries take one statement each; our migrations hold no semicolons in literals. */
function splitStatements(sql: string): string[] {
	return sql
		.split(/;\s*$/m)
		.map((s) => s.trim())
		.filter(Boolean);
}
