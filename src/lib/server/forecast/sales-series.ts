import { salesSeries, type SalesSeries } from '../../domain/forecast/sales-series.ts';
import type { Queryable } from '../db/index.ts';
import { nextTurn } from '../event-loop.ts';

/**
 * The workspace's sales of these SKUs before `before` (a plan's first month) as monthly series
 * that end together at the last month the workspace has any sales for (null: no history).
 */
export async function readSalesSeries(
	db: Queryable,
	workspaceId: string,
	skus: readonly string[],
	before: string
): Promise<{ end: string | null; series: Map<string, SalesSeries> }> {
	const [{ end }] = await db.query<{ end: string | null }>(
		`select max(month) as end from sales_history where workspace_id = $1 and month < $2`,
		[workspaceId, before]
	);
	if (end === null || skus.length === 0) return { end, series: new Map() };
	const unique = [...new Set(skus)];
	const records: { sku: string; month: string; quantity: number }[] = [];
	// In batches with turns between: a query of the embedded database holds the event loop.
	for (let start = 0; start < unique.length; start += SKUS_PER_QUERY) {
		await nextTurn();
		const rows = await db.query<{ sku: string; month: string; quantity: number }>(
			`select h.sku, h.month, h.quantity from sales_history h
			 join json_array_elements_text($2::text::json) as s(sku) on s.sku = h.sku
			 where h.workspace_id = $1 and h.month <= $3`,
			[workspaceId, JSON.stringify(unique.slice(start, start + SKUS_PER_QUERY)), end]
		);
		for (const r of rows) records.push({ ...r, quantity: Number(r.quantity) });
	}
	return { end, series: salesSeries(records, end) };
}

const SKUS_PER_QUERY = 250;
