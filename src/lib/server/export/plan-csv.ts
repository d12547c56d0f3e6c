/**
 * A plan as long CSV: one value a line, `family, sku, item, month, measure, measure_label, value`,
 * which the importer reads back (it knows a measure by its id or its label). Every value the plan
 * has, typed and derived: the plan total (family "Plan total"), each family (no SKU) and its items.
 * Empty cells make no line.
 */
import {
	csvChunks,
	linesOf,
	plainNumber,
	safeText,
	versionOwners,
	type VersionTableContent
} from '../../domain/version-table.ts';
import { PLAN_TOTAL } from './plan-xlsx.ts';

export const LONG_CSV_COLUMNS = [
	'family',
	'sku',
	'item',
	'month',
	'measure',
	'measure_label',
	'value'
] as const;

/** The records, header first, one at a time. */
export function* planCsvRecords(content: VersionTableContent): Generator<string[]> {
	yield [...LONG_CSV_COLUMNS];
	const { periods } = content;
	for (const owner of versionOwners(content)) {
		const family = safeText(owner.level === 'plan' ? PLAN_TOTAL : owner.family);
		const sku = safeText(owner.sku);
		const item = safeText(owner.item);
		for (const { measure, values } of linesOf(
			content.rows[owner.id],
			owner.level,
			periods.length
		)) {
			for (let t = 0; t < periods.length; t++) {
				const value = values[t];
				if (value === null || !Number.isFinite(value)) continue;
				yield [family, sku, item, periods[t], measure.id, measure.label, plainNumber(value)];
			}
		}
	}
}

/** The CSV text in pieces of `recordsPerChunk` records, for a response to stream. */
export function planCsvChunks(content: VersionTableContent, recordsPerChunk = 500) {
	return csvChunks(planCsvRecords(content), recordsPerChunk);
}
