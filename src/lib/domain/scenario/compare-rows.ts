import type { FamilyRef, ItemRef } from '../grid-rows.ts';
import { cellKey, INPUT_MEASURES, rowKey, type InputMeasure } from '../measures.ts';
import type { CellComparison } from './compare.ts';

/** One row of the compare grid: an item's (or a family's) typed measure. */
export interface CompareRow {
	/** `rowKey` of the row. */
	key: string;
	ownerId: string;
	/** 'SKU name' for an item, the family's name for a family-level measure. */
	owner: string;
	measure: InputMeasure;
}

export interface CompareRowOptions {
	/** Rows to keep (`rowKey`), as `rowsThatDiffer` gives them; every row when null. */
	only: ReadonlySet<string> | null;
	/** A family's id to keep its rows alone; every family when empty. */
	familyId: string;
}

const FAMILY_MEASURES = INPUT_MEASURES.filter((m) => m.level === 'family');
const ITEM_MEASURES = INPUT_MEASURES.filter((m) => m.level === 'item');

/**
 * The compare grid's rows in the plan's order: each family's own measures (capacity), then its
 * items' measures. Only typed measures: a scenario changes typed cells, and what they move
 * downstream shows in the KPIs and charts.
 */
export function compareRows(
	families: readonly FamilyRef[],
	items: readonly ItemRef[],
	{ only, familyId }: CompareRowOptions
): CompareRow[] {
	const itemsOf = new Map<string, ItemRef[]>();
	for (const item of items) {
		const list = itemsOf.get(item.family_id);
		if (list) list.push(item);
		else itemsOf.set(item.family_id, [item]);
	}
	const rows: CompareRow[] = [];
	const add = (ownerId: string, owner: string, measures: readonly InputMeasure[]) => {
		for (const measure of measures) {
			const key = rowKey(ownerId, measure.id);
			if (!only || only.has(key)) rows.push({ key, ownerId, owner, measure });
		}
	};
	for (const family of families) {
		if (familyId && family.id !== familyId) continue;
		add(family.id, family.name, FAMILY_MEASURES);
		for (const item of itemsOf.get(family.id) ?? []) {
			add(item.id, `${item.sku} ${item.name}`, ITEM_MEASURES);
		}
	}
	return rows;
}

/** One month of a compare row: the plan's value and, where some scenario changed it, the comparison. */
export interface CompareCell {
	plan: number | null;
	compared: CellComparison | null;
}

/**
 * A row's cell in month `period`: the comparison where a scenario changed it, else the plan's
 * value (`planValue`, read only for cells no scenario changed).
 */
export function compareCell(
	cells: ReadonlyMap<string, CellComparison>,
	row: CompareRow,
	period: string,
	planValue: (key: string) => number | null
): CompareCell {
	const key = cellKey(row.ownerId, period, row.measure.id);
	const compared = cells.get(key) ?? null;
	return { plan: compared ? compared.plan : planValue(key), compared };
}
