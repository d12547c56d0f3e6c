import { MEASURES, type Measure } from './measures.ts';

export interface FamilyRef {
	id: string;
	name: string;
}

export interface ItemRef {
	id: string;
	family_id: string;
	sku: string;
	name: string;
}

export type GridRow =
	| { kind: 'family'; family: FamilyRef; itemCount: number }
	| { kind: 'measure'; item: ItemRef; measure: Measure; firstOfItem: boolean };

/**
 * The grid's rows in display order: each family header, then for each of its items one row per
 * shown measure. Items whose family is unknown are left out rather than shown orphaned.
 */
export function gridRows(
	families: FamilyRef[],
	items: ItemRef[],
	measures: readonly Measure[] = MEASURES
): GridRow[] {
	const byFamily = new Map<string, ItemRef[]>(families.map((f) => [f.id, []]));
	for (const item of items) byFamily.get(item.family_id)?.push(item);
	const rows: GridRow[] = [];
	for (const family of families) {
		const familyItems = byFamily.get(family.id)!;
		rows.push({ kind: 'family', family, itemCount: familyItems.length });
		for (const item of familyItems) {
			measures.forEach((measure, i) =>
				rows.push({ kind: 'measure', item, measure, firstOfItem: i === 0 })
			);
		}
	}
	return rows;
}
