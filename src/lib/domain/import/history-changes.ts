import { measure } from '../measures.ts';
import type { ImportSummary } from './preview.ts';
import type { ImportProblem, ImportValue } from './types.ts';

export interface HistoryRow {
	sku: string;
	month: string;
	quantity: number;
}

export interface HistoryImport {
	summary: NonNullable<ImportSummary['history']>;
	problems: ImportProblem[];
	/** Rows to insert or overwrite. */
	rows: HistoryRow[];
}

/** The key of a SKU's month in the history as read back from the database. */
export function historyKey(sku: string, month: string): string {
	return `${sku}\u0000${month}`;
}

/**
 * What importing values into the workspace's sales history would change. The history holds actual
 * sales only, per SKU (as written) and month, whatever plan horizon they fall in; a value equal to
 * the one kept changes nothing, so a nightly load of the same file is a no-op.
 */
export function historyImport(
	values: readonly ImportValue[],
	current: ReadonlyMap<string, number>
): HistoryImport {
	const problems: ImportProblem[] = [];
	const rows: HistoryRow[] = [];
	const skus = new Set<string>();
	let added = 0;
	let changed = 0;
	let unchanged = 0;
	let first: string | null = null;
	let last: string | null = null;
	for (const v of values) {
		if (v.measure !== 'actual' || v.everyMonth || v.sku === null) {
			problems.push({
				line: v.line,
				column: v.column,
				message:
					v.sku === null
						? 'sales history is kept per SKU; this line has none'
						: `sales history holds actual sales only, not ${measure(v.measure)?.label ?? v.measure}`
			});
			continue;
		}
		skus.add(v.sku);
		if (first === null || v.month < first) first = v.month;
		if (last === null || v.month > last) last = v.month;
		const kept = current.get(historyKey(v.sku, v.month));
		if (kept === v.value) {
			unchanged++;
			continue;
		}
		if (kept === undefined) added++;
		else changed++;
		rows.push({ sku: v.sku, month: v.month, quantity: v.value });
	}
	return { summary: { added, changed, unchanged, skus: skus.size, first, last }, problems, rows };
}
