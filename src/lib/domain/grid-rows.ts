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

/** Whose figures a row shows: the whole plan, one family's totals, or one item. */
export type RowScope =
	| { kind: 'total' }
	| { kind: 'family'; family: FamilyRef; itemCount: number }
	| { kind: 'item'; item: ItemRef };

export interface GridRow {
	scope: RowScope;
	measure: Measure;
	/** The first row of its block, where the block's name is shown. */
	first: boolean;
}

export interface RowOptions {
	/** Measure ids to show; all when undefined. */
	shown?: ReadonlySet<string>;
	/** Families whose items are hidden (their totals stay). */
	collapsed?: ReadonlySet<string>;
	/** Only this family. */
	familyId?: string;
	/** Only items whose SKU or name contains this text (case-insensitive). */
	text?: string;
	/** Only items for which this says yes (e.g. items with flags). */
	itemFilter?: (item: ItemRef) => boolean;
}

export function scopeId(scope: RowScope): string {
	return scope.kind === 'total'
		? 'total'
		: scope.kind === 'family'
			? scope.family.id
			: scope.item.id;
}

/**
 * The grid's rows in display order: the plan total, then each family's totals followed by its
 * items, one row per shown measure. Family-level measures (capacity, utilisation) appear on total
 * and family rows only. A family whose items are all filtered out is left out too.
 */
export function gridRows(
	families: readonly FamilyRef[],
	items: readonly ItemRef[],
	options: RowOptions = {}
): GridRow[] {
	const measures = MEASURES.filter((m) => !options.shown || options.shown.has(m.id));
	const itemMeasures = measures.filter((m) => m.level === 'item');
	const text = options.text?.trim().toLowerCase();
	const filtering = Boolean(text || options.itemFilter);
	const keep = (item: ItemRef) =>
		(!text || item.sku.toLowerCase().includes(text) || item.name.toLowerCase().includes(text)) &&
		(!options.itemFilter || options.itemFilter(item));

	const byFamily = new Map<string, ItemRef[]>(families.map((f) => [f.id, []]));
	for (const item of items) byFamily.get(item.family_id)?.push(item);

	const rows: GridRow[] = [];
	const block = (scope: RowScope, ms: readonly Measure[]) =>
		ms.forEach((measure, i) => rows.push({ scope, measure, first: i === 0 }));

	if (!options.familyId && !filtering) block({ kind: 'total' }, measures);
	for (const family of families) {
		if (options.familyId && family.id !== options.familyId) continue;
		const all = byFamily.get(family.id)!;
		const shown = all.filter(keep);
		if (filtering && shown.length === 0) continue;
		block({ kind: 'family', family, itemCount: all.length }, measures);
		if (options.collapsed?.has(family.id)) continue;
		for (const item of shown) block({ kind: 'item', item }, itemMeasures);
	}
	return rows;
}
