import { historyKey, type HistoryRow } from '../../domain/import/history-changes.ts';
import type { Queryable } from '../db/index.ts';

/** The workspace's kept actual sales of these SKUs (up to `through`, a month, if given). */
export async function readHistoryRows(
	db: Queryable,
	workspaceId: string,
	skus: readonly string[],
	through: string | null = null
): Promise<HistoryRow[]> {
	if (skus.length === 0) return [];
	const rows = await db.query<HistoryRow>(
		`select h.sku, h.month, h.quantity from sales_history h
		 join json_array_elements_text($2::text::json) as s(sku) on s.sku = h.sku
		 where h.workspace_id = $1 and ($3::text is null or h.month <= $3)`,
		[workspaceId, JSON.stringify([...new Set(skus)]), through]
	);
	return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

/** The same, keyed by `historyKey`: what an import compares its values with. */
export async function readHistory(
	db: Queryable,
	workspaceId: string,
	skus: readonly string[]
): Promise<Map<string, number>> {
	const rows = await readHistoryRows(db, workspaceId, skus);
	return new Map(rows.map((r) => [historyKey(r.sku, r.month), r.quantity]));
}

/** Inserts or overwrites history rows, in statements of bounded size. */
export async function saveHistory(
	db: Queryable,
	workspaceId: string,
	rows: readonly HistoryRow[],
	userId: string | null
): Promise<void> {
	const CHUNK = 20_000;
	for (let start = 0; start < rows.length; start += CHUNK) {
		await db.query(
			`insert into sales_history (workspace_id, sku, month, quantity, updated_by)
			 select $1, r.sku, r.month, r.quantity, $3
			 from json_to_recordset($2::text::json) as r(sku text, month text, quantity double precision)
			 on conflict (workspace_id, sku, month)
			 do update set quantity = excluded.quantity, updated_at = now(), updated_by = excluded.updated_by`,
			[workspaceId, JSON.stringify(rows.slice(start, start + CHUNK)), userId]
		);
	}
}
