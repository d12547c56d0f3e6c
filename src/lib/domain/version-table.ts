/**
 * An approved version as people read it: the blocks of rows its page shows and the rows of its CSV
 * export. Pure: the server shapes a stored version with it, the page draws what it returns.
 */
import Papa from 'papaparse';
import { MEASURES, type Measure } from './measures.ts';
import type { ThreadView } from './comments.ts';
import type { FamilyRef, ItemRef } from './grid-rows.ts';

/** A comment thread kept with a version, with what it is on in words. */
export interface VersionThread {
	label: string;
	thread: ThreadView;
}

/** Values by measure id, one per month, null where empty. */
export type VersionTableRow = Record<string, readonly (number | null)[]>;

/**
 * What this module reads of a stored version (`VersionContent` in server/plan-versions.ts fits it):
 * the plan, its months, its hierarchy and the rows by owner id ('total' for the whole plan). The
 * page passes a slice of it: all families but only the items, and item rows, of one family.
 */
export interface VersionTableContent {
	plan: { name: string; startMonth?: string; horizon?: number };
	periods: readonly string[];
	families: readonly FamilyRef[];
	items: readonly ItemRef[];
	rows: Readonly<Record<string, VersionTableRow>>;
}

export type VersionLevel = 'plan' | 'family' | 'item';

export interface VersionTableLine {
	measure: Measure;
	/** One per month; null where empty. */
	values: readonly (number | null)[];
}

/** One owner's rows: the plan total, a family's totals or an item. */
export interface VersionBlock {
	level: VersionLevel;
	/** 'total', or the family's or item's id. */
	id: string;
	/** What the block's heading says: 'Plan total', the family's name, or SKU and item name. */
	title: string;
	lines: VersionTableLine[];
}

const FAMILY_MEASURES = MEASURES;
const ITEM_MEASURES = MEASURES.filter((m) => m.level === 'item');

/** The measures a row of this level carries, in grid order. */
export function measuresOf(level: VersionLevel): readonly Measure[] {
	return level === 'item' ? ITEM_MEASURES : FAMILY_MEASURES;
}

/** An owner's rows as lines, every measure of its level; empty (nulls) where it has none. */
export function linesOf(
	row: VersionTableRow | undefined,
	level: VersionLevel,
	months: number
): VersionTableLine[] {
	const empty = Array.from({ length: months }, () => null);
	return measuresOf(level).map((measure) => ({ measure, values: row?.[measure.id] ?? empty }));
}

/** Each family's items, in the version's order. */
export function itemsByFamily(content: Pick<VersionTableContent, 'families' | 'items'>) {
	const byFamily: Record<string, ItemRef[]> = {};
	for (const f of content.families) byFamily[f.id] = [];
	for (const item of content.items) byFamily[item.family_id]?.push(item);
	return byFamily;
}

/** What a version's page receives: the whole hierarchy of families, one family's items at most. */
export interface VersionSlice<P extends VersionTableContent['plan'] = VersionTableContent['plan']> {
	/** All families and their rows, the plan total, and the items (and rows) of `familyId` only. */
	content: VersionTableContent & { plan: P };
	/** Items in the whole version. */
	itemCount: number;
	/** Items per family id. */
	itemCounts: Record<string, number>;
	/** The chosen family when the version has it, else ''. */
	familyId: string;
}

/** The part of a version its page shows with family `familyId` ('' for none) chosen. */
export function sliceVersion<P extends VersionTableContent['plan']>(
	content: VersionTableContent & { plan: P },
	familyId: string
): VersionSlice<P> {
	const chosen = content.families.some((f) => f.id === familyId) ? familyId : '';
	const items = chosen ? content.items.filter((i) => i.family_id === chosen) : [];
	const itemCounts: Record<string, number> = {};
	for (const item of content.items)
		itemCounts[item.family_id] = (itemCounts[item.family_id] ?? 0) + 1;
	const rows: Record<string, VersionTableRow> = {};
	for (const id of ['total', ...content.families.map((f) => f.id), ...items.map((i) => i.id)]) {
		if (content.rows[id]) rows[id] = content.rows[id];
	}
	return {
		content: {
			plan: content.plan,
			periods: content.periods,
			families: content.families,
			items,
			rows
		},
		itemCount: content.items.length,
		itemCounts,
		familyId: chosen
	};
}

/**
 * The blocks the version page shows. Without a family: the plan total, then every family's totals
 * (no items, however large the plan). With a family of the version: that family's totals followed
 * by its items, as the live grid's family filter does. An unknown family id counts as none.
 */
export function versionBlocks(content: VersionTableContent, familyId?: string): VersionBlock[] {
	const months = content.periods.length;
	const family = familyId ? content.families.find((f) => f.id === familyId) : undefined;
	const block = (level: VersionLevel, id: string, title: string): VersionBlock => ({
		level,
		id,
		title,
		lines: linesOf(content.rows[id], level, months)
	});
	if (!family) {
		return [
			block('plan', 'total', 'Plan total'),
			...content.families.map((f) => block('family', f.id, f.name))
		];
	}
	return [
		block('family', family.id, family.name),
		...(itemsByFamily(content)[family.id] ?? []).map((item) =>
			block('item', item.id, `${item.sku} · ${item.name}`)
		)
	];
}

/** The version number in a URL, or null when it is not a whole number a version could have. */
export function parseVersionNumber(raw: string): number | null {
	if (!/^[1-9][0-9]{0,9}$/.test(raw)) return null;
	const n = Number(raw);
	return n <= 2147483647 ? n : null;
}

/** A file-name-safe form of a plan's name: 'Q3 Plan — Europe' → 'q3-plan-europe'. */
export function slugify(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || 'plan';
}

/** An export's file name: '<plan-slug>-v<N>.csv' for a version, '<plan-slug>.xlsx' for the live plan. */
export function versionFileName(
	planName: string,
	version: number | null,
	extension: 'csv' | 'xlsx' = 'csv'
): string {
	return `${slugify(planName)}${version === null ? '' : `-v${version}`}.${extension}`;
}

/**
 * A number as a CSV cell: a plain decimal (no thousands separators, no exponent), rid of
 * floating-point noise (at most 14 significant digits and 6 decimals: 2398.7999999999997 is
 * '2398.8'); empty for no value.
 */
export function plainNumber(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '';
	if (Number.isSafeInteger(value)) return String(value);
	const clean = Number(Number(value.toPrecision(14)).toFixed(6));
	if (clean === 0) return '0';
	const text = String(clean);
	// Only magnitudes of 1e21 and more print with an exponent here; they are whole numbers.
	return /e/i.test(text) ? BigInt(clean).toString() : text;
}

/**
 * A text cell that a spreadsheet would not run as a formula: one starting with =, +, -, @ (or a
 * tab or carriage return) gets a leading apostrophe.
 */
export function safeText(text: string): string {
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const CSV_FIXED_COLUMNS = ['Level', 'Family', 'SKU', 'Item', 'Measure'] as const;

const LEVEL_NAMES: Record<VersionLevel, string> = { plan: 'Plan', family: 'Family', item: 'Item' };

/**
 * The export's records, header first: Level, Family, SKU, Item, Measure, then one column per month
 * ('YYYY-MM'). The plan total, then each family's totals followed by its items, every measure of
 * their level. Text is guarded against formula injection, numbers are plain. One at a time, so a
 * large plan's export never sits in memory as a whole.
 */
export function* versionCsvRecords(content: VersionTableContent): Generator<string[]> {
	const months = content.periods.length;
	yield [...CSV_FIXED_COLUMNS, ...content.periods];
	for (const { level, id, family, sku, item } of versionOwners(content)) {
		const fixed = [LEVEL_NAMES[level], safeText(family), safeText(sku), safeText(item)];
		for (const { measure, values } of linesOf(content.rows[id], level, months)) {
			const cells = new Array<string>(months);
			for (let t = 0; t < months; t++) cells[t] = plainNumber(values[t]);
			yield [...fixed, measure.label, ...cells];
		}
	}
}

/** Whose rows an export holds, in its order; names are empty where the level has none. */
export interface VersionOwner {
	level: VersionLevel;
	/** 'total', or the family's or item's id. */
	id: string;
	family: string;
	sku: string;
	item: string;
}

/** The plan total, then each family followed by its items. */
export function* versionOwners(
	content: Pick<VersionTableContent, 'families' | 'items'>
): Generator<VersionOwner> {
	yield { level: 'plan', id: 'total', family: '', sku: '', item: '' };
	const byFamily = itemsByFamily(content);
	for (const f of content.families) {
		yield { level: 'family', id: f.id, family: f.name, sku: '', item: '' };
		for (const item of byFamily[f.id]) {
			yield { level: 'item', id: item.id, family: f.name, sku: item.sku, item: item.name };
		}
	}
}

/** The export's records as an array (header first). */
export function versionCsvRows(content: VersionTableContent): string[][] {
	return [...versionCsvRecords(content)];
}

/** The export as CSV text in pieces, for a response to stream (see `csvChunks`). */
export function versionCsvChunks(
	content: VersionTableContent,
	recordsPerChunk = 500
): Generator<string> {
	return csvChunks(versionCsvRecords(content), recordsPerChunk);
}

/**
 * Records as CSV text (RFC 4180: commas, quotes where needed, CRLF line ends) in pieces of
 * `recordsPerChunk` records, each ending with its line break, for a response to stream.
 */
export function* csvChunks(records: Iterable<string[]>, recordsPerChunk = 500): Generator<string> {
	let batch: string[][] = [];
	for (const record of records) {
		batch.push(record);
		if (batch.length === recordsPerChunk) {
			yield Papa.unparse(batch, { newline: '\r\n' }) + '\r\n';
			batch = [];
		}
	}
	if (batch.length) yield Papa.unparse(batch, { newline: '\r\n' }) + '\r\n';
}

/** The whole export as CSV text. */
export function versionCsv(content: VersionTableContent): string {
	return [...versionCsvChunks(content)].join('');
}
