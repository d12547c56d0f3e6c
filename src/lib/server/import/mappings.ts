import type { RememberedMapping } from '../../domain/import/types.ts';
import type { ImportTarget } from '../../domain/import/preview.ts';
import type { Queryable } from '../db/index.ts';

/** How the last import into a plan (or a workspace's history) read its columns. */
export async function readRememberedMapping(
	db: Queryable,
	target: ImportTarget,
	ownerId: string
): Promise<RememberedMapping | null> {
	const [row] = await db.query<{ mapping: RememberedMapping | string }>(
		`select mapping from import_mappings where target = $1 and owner_id = $2`,
		[target, ownerId]
	);
	if (!row) return null;
	return typeof row.mapping === 'string'
		? (JSON.parse(row.mapping) as RememberedMapping)
		: row.mapping;
}

export async function saveRememberedMapping(
	db: Queryable,
	target: ImportTarget,
	ownerId: string,
	mapping: RememberedMapping
): Promise<void> {
	await db.query(
		`insert into import_mappings (target, owner_id, mapping) values ($1, $2, $3::text::json)
		 on conflict (target, owner_id) do update set mapping = excluded.mapping, updated_at = now()`,
		[target, ownerId, JSON.stringify(mapping)]
	);
}
