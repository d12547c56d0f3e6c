/**
 * Two approved versions side by side for their compare page: which two the address asks for, the
 * previous cycle's version lined up with this plan's items, and the rows of differing cells the
 * page shows, bounded however large the plan. Pure: the server shapes the page's data with it.
 */
import { DEFAULT_NUMBER_LOCALE, formatValue } from './format.ts';
import type { VersionSummary } from './cycle.ts';
import type { FamilyRef, ItemRef } from './grid-rows.ts';
import { cellKey, MEASURES, rowKey, type MeasureFormat } from './measures.ts';
import {
	rowsThatDiffer,
	type VersionCellDifference,
	type VersionComparison
} from './scenario/compare.ts';
import { parseVersionNumber, type VersionTableContent } from './version-table.ts';

type Value = number | null;

/** What `a=` says for the latest approved version of the previous cycle's plan. */
export const PREVIOUS_CYCLE = 'previous';

/** A side of a comparison: a version of this plan, or the previous cycle's latest. */
export type CompareSide = number | typeof PREVIOUS_CYCLE;

/** The previous cycle's plan and its latest approved version, as a choice for side A. */
export interface PreviousCycleVersion {
	planId: string;
	planName: string;
	number: number;
}

/** The versions a comparison can be made between: this plan's, newest first, and the last cycle's. */
export interface CompareChoices {
	versions: VersionSummary[];
	previous: PreviousCycleVersion | null;
}

/** The compare page's query for A against B: '?a=1&b=2'. */
export const compareQuery = (a: CompareSide, b: number) => `?a=${a}&b=${b}`;

export type ComparePair =
	{ ok: true; a: CompareSide; b: number } | { ok: false; status: 400; message: string };

/**
 * The two versions `?a=&b=` asks for: B is a version of this plan; A one too, or 'previous' for the
 * previous cycle's latest. Missing, malformed or equal numbers are a 400 with words saying why.
 */
export function parseComparePair(a: string | null, b: string | null): ComparePair {
	const bad = (message: string) => ({ ok: false, status: 400, message }) as const;
	if (!a || !b) return bad('Choose two versions to compare (A and B).');
	const side = a === PREVIOUS_CYCLE ? a : parseVersionNumber(a);
	if (side === null) return bad(`“${a.slice(0, 40)}” is not a version number.`);
	const number = parseVersionNumber(b);
	if (number === null) return bad(`“${b.slice(0, 40)}” is not a version number.`);
	if (side === number)
		return bad(`Version ${number} compared with itself has no differences: choose another.`);
	return { ok: true, a: side, b: number };
}

/**
 * `previous` (a version of the previous cycle's plan) in the ids of `current`: the next cycle copies
 * items and families under new ids, so items are matched by SKU and families by name. Those without
 * a match keep their ids and so count as only in the previous version. Rows are shared, not copied.
 */
export function alignToVersion<C extends VersionTableContent>(
	previous: C,
	current: VersionTableContent
): C {
	const itemBySku = new Map(current.items.map((i) => [i.sku, i.id]));
	const familyByName = new Map(current.families.map((f) => [f.name, f.id]));
	const familyId = new Map(previous.families.map((f) => [f.id, familyByName.get(f.name) ?? f.id]));
	const itemId = new Map(previous.items.map((i) => [i.id, itemBySku.get(i.sku) ?? i.id]));
	const rows: Record<string, VersionTableContent['rows'][string]> = {};
	for (const [owner, row] of Object.entries(previous.rows)) {
		rows[itemId.get(owner) ?? familyId.get(owner) ?? owner] = row;
	}
	return {
		...previous,
		families: previous.families.map((f) => ({ ...f, id: familyId.get(f.id)! })),
		items: previous.items.map((i) => ({
			...i,
			id: itemId.get(i.id)!,
			family_id: familyId.get(i.family_id) ?? i.family_id
		})),
		rows
	};
}

/** A month of a compared row: the value both versions hold, or both values and B − A. */
export type CompareCell = { same: Value } | VersionCellDifference;

export interface CompareLine {
	itemId: string;
	family: string;
	sku: string;
	name: string;
	measureId: string;
	/** One per compared month. */
	cells: CompareCell[];
	differs: boolean;
}

export interface CompareTable {
	/** The families either version has, B's first, for the family filter. */
	families: FamilyRef[];
	/** The chosen family when either version has it, else ''. */
	familyId: string;
	/** The rows shown, at most `limit`. */
	lines: CompareLine[];
	/** Rows the filters keep, shown or not. */
	total: number;
	/** Rows that differ, in the chosen family (or the whole plan). */
	differing: number;
	onlyInA: ItemRef[];
	onlyInB: ItemRef[];
}

export interface CompareOptions {
	familyId: string;
	onlyDiffering: boolean;
	limit: number;
}

const ITEM_MEASURES = MEASURES.filter((m) => m.level === 'item');

/**
 * The rows (item × measure) of a comparison the page shows: B's items then those only in A, each
 * family's together, in grid order. Narrowed to a family and, by default, to rows that differ;
 * at most `limit` of them, so a large plan's page stays small (`total` says how many there are).
 */
export function compareTable(
	a: VersionTableContent,
	b: VersionTableContent,
	comparison: VersionComparison,
	{ familyId, onlyDiffering, limit }: CompareOptions
): CompareTable {
	const familyIds = new Set(b.families.map((f) => f.id));
	const families = [...b.families, ...a.families.filter((f) => !familyIds.has(f.id))];
	const chosen = families.some((f) => f.id === familyId) ? familyId : '';
	const names = new Map(families.map((f) => [f.id, f.name]));
	const inB = new Set(b.items.map((i) => i.id));
	const items = [...b.items, ...a.items.filter((i) => !inB.has(i.id))];
	const order = new Map(families.map((f, n) => [f.id, n]));
	const inScope = items
		.filter((i) => !chosen || i.family_id === chosen)
		.map((item, n) => ({ item, n }))
		.sort(
			(x, y) => (order.get(x.item.family_id) ?? 0) - (order.get(y.item.family_id) ?? 0) || x.n - y.n
		)
		.map(({ item }) => item);
	const column = (content: VersionTableContent) => {
		const index = new Map(content.periods.map((p, t) => [p, t]));
		return comparison.periods.map((p) => index.get(p)!);
	};
	const columnsA = column(a);
	const columnsB = column(b);

	const differingRows = rowsThatDiffer(comparison.cells);
	const lines: CompareLine[] = [];
	let total = 0;
	let differing = 0;
	for (const item of inScope) {
		// Unchanged months read from B, or from A for an item B has not.
		const [row, columns] = inB.has(item.id)
			? [b.rows[item.id], columnsB]
			: [a.rows[item.id], columnsA];
		for (const m of ITEM_MEASURES) {
			const differs = differingRows.has(rowKey(item.id, m.id));
			if (differs) differing++;
			if (onlyDiffering && !differs) continue;
			total++;
			// Cells only for the rows sent: a large plan's other rows are counted, not built.
			if (lines.length === limit) continue;
			lines.push({
				itemId: item.id,
				family: names.get(item.family_id) ?? '',
				sku: item.sku,
				name: item.name,
				measureId: m.id,
				cells: comparison.periods.map(
					(period, k) =>
						comparison.cells.get(cellKey(item.id, period, m.id)) ?? {
							same: row?.[m.id]?.[columns[k]] ?? null
						}
				),
				differs
			});
		}
	}
	const onlyIn = (ids: string[], content: VersionTableContent) => {
		const wanted = new Set(ids);
		return content.items.filter((i) => wanted.has(i.id));
	};
	return {
		families,
		familyId: chosen,
		lines,
		total,
		differing,
		onlyInA: onlyIn(comparison.onlyInA, a),
		onlyInB: onlyIn(comparison.onlyInB, b)
	};
}

/** A difference with its sign, as the measure shows values: '+30', '−1,250'; '0' has none. */
export function formatSignedValue(
	value: number,
	format: MeasureFormat,
	locale = DEFAULT_NUMBER_LOCALE
): string {
	const text = formatValue(Math.abs(value), format, locale);
	// What rounds to nothing at the places shown has no sign.
	return /[1-9]/.test(text) ? `${value > 0 ? '+' : '−'}${text}` : text;
}
