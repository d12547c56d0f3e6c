import { salesSeries, type SalesSeries } from '../../domain/forecast/sales-series.ts';
import type { Queryable } from '../db/index.ts';
import { nextTurn } from '../event-loop.ts';
import { readHistoryRows } from '../import/sales-history.ts';
import type { HistoryRow } from '../../domain/import/history-changes.ts';

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
	const records: HistoryRow[] = [];
	// In batches with turns between, so pages and edits are served between them.
	for (let start = 0; start < unique.length; start += SKUS_PER_QUERY) {
		await nextTurn();
		const batch = unique.slice(start, start + SKUS_PER_QUERY);
		for (const row of await readHistoryRows(db, workspaceId, batch, end)) records.push(row);
	}
	return { end, series: salesSeries(records, end) };
}

const SKUS_PER_QUERY = 250;
