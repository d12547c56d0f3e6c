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

/**
 * Extended-protocol queries take one statement each: the text is cut at each semicolon that ends
 * a line, outside a function's `$$` body. Our migrations hold no semicolons in string literals.
 */
function splitStatements(sql: string): string[] {
	const statements: string[] = [];
	let statement = '';
	for (const [i, part] of sql.split('$$').entries()) {
		if (i % 2 === 1) {
			statement += `$$${part}$$`;
			continue;
		}
		const [rest, ...next] = part.split(/;\s*$/m);
		statement += rest;
		for (const piece of next) {
			statements.push(statement);
			statement = piece;
		}
	}
	statements.push(statement);
	return statements.map((s) => s.trim()).filter(Boolean);
}
