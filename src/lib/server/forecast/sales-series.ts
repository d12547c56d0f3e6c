import { salesSeries, type SalesSeries } from '../../domain/forecast/sales-series.ts';
import type { Queryable } from '../db/index.ts';

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
	const records = await db.query<{ sku: string; month: string; quantity: number }>(
		`select h.sku, h.month, h.quantity from sales_history h
		 join json_array_elements_text($2::text::json) as s(sku) on s.sku = h.sku
		 where h.workspace_id = $1 and h.month <= $3`,
		[workspaceId, JSON.stringify([...new Set(skus)]), end]
	);
	return {
		end,
		series: salesSeries(
			records.map((r) => ({ ...r, quantity: Number(r.quantity) })),
			end
		)
	};
}
