import { cellKey, INPUT_MEASURES, inputMeasure, rowKey, type InputMeasure } from '../measures.ts';
import type { StepNumber } from '../roles.ts';
import { runSlices } from '../slices.ts';
import type { HierarchyChange, PlanWrite, StepWrite } from '../../sync/server-write.ts';
import type { ImportSummary, MeasureChange } from './preview.ts';
import type { ImportProblem, ImportRecords, ImportValue } from './types.ts';

/** The plan as an import finds it. */
export interface PlanSnapshot {
	periods: readonly string[];
	families: readonly { id: string; name: string }[];
	items: readonly {
		id: string;
		family_id: string;
		sku: string;
		name: string;
		lead_time_days?: number | null;
	}[];
	/** A row as it stands: its `base` array (if any) and each month's edit (if any). */
	row(ownerId: string, measureId: string): PlanRow;
}

export interface PlanRow {
	base: readonly (number | null)[] | undefined;
	/** The month's edit: a number, null for a cleared cell, undefined where the base shows. */
	edit(t: number): number | null | undefined;
}

export interface PlanImport {
	summary: Omit<ImportSummary, 'valuesRead' | 'skipped' | 'history'>;
	problems: ImportProblem[];
	write: PlanWrite;
	/** Cells the write changes. */
	changed: number;
}

const EXAMPLES = 20;

/**
 * What importing `records` into a plan would change, and the one write that does it. Values equal
 * to what a cell shows are left alone, so importing the same file twice changes nothing the second
 * time. A changed month that someone edited is written as an edit (it would hide a base value);
 * the others go into the row's base, so a large import stays a few thousand map entries.
 * `refusal` says why the person may not import a measure (a locked step, another function's).
 */
export function planImport(
	records: Pick<ImportRecords, 'values' | 'items'>,
	plan: PlanSnapshot,
	refusal: (m: InputMeasure) => string | null,
	newId: () => string
): PlanImport {
	return runSlices(planImportInSlices(records, plan, refusal, newId));
}

/** `planImport` a slice of values at a time, so a server can let other work run in between. */
export function* planImportInSlices(
	records: Pick<ImportRecords, 'values' | 'items'>,
	plan: PlanSnapshot,
	refusal: (m: InputMeasure) => string | null,
	newId: () => string,
	valuesPerSlice = 10_000
): Generator<void, PlanImport> {
	const problems: ImportProblem[] = [];
	const hierarchy = resolveHierarchy(records.items, plan, newId);
	const periodIndex = new Map(plan.periods.map((p, i) => [p, i]));
	const outside = new Map<string, number>();
	const unknown = new Set<string>();
	/** Row key → month → new value, for the rows that change. */
	const rows = new Map<string, { ownerId: string; m: InputMeasure; months: Map<number, number> }>();
	const changes = new Map<string, MeasureChange>();

	let read = 0;
	for (const v of records.values) {
		if (++read % valuesPerSlice === 0) yield;
		const m = inputMeasure(v.measure);
		if (!m) throw new Error(`${v.measure} is not an input measure`);
		const ownerId = ownerOf(v, m, hierarchy, problems, unknown);
		if (!ownerId) continue;
		const months = monthsOf(v, m, periodIndex, plan.periods.length);
		if (months === null) {
			outside.set(v.month, (outside.get(v.month) ?? 0) + 1);
			continue;
		}
		let change = changes.get(m.id);
		if (!change) {
			change = {
				step: m.step,
				measure: m.id,
				label: m.label,
				changed: 0,
				unchanged: 0,
				refused: refusal(m)
			};
			changes.set(m.id, change);
		}
		const current = hierarchy.isNew(ownerId) ? null : plan.row(ownerId, m.id);
		for (const t of months) {
			if (same(shownValue(current, t), v.value)) {
				change.unchanged++;
				continue;
			}
			change.changed++;
			const key = rowKey(ownerId, m.id);
			let row = rows.get(key);
			if (!row) rows.set(key, (row = { ownerId, m, months: new Map() }));
			row.months.set(t, v.value);
		}
	}

	const measures = [...changes.values()].sort(
		(a, b) => a.step - b.step || ORDER.get(a.measure)! - ORDER.get(b.measure)!
	);
	const write: PlanWrite = {
		hierarchy: hierarchy.change,
		steps: stepWrites(rows, plan, hierarchy.isNew)
	};
	return {
		summary: {
			measures,
			familiesAdded: hierarchy.change.families.map((f) => f.name),
			itemsAdded: {
				count: hierarchy.change.items.length,
				examples: hierarchy.change.items.slice(0, EXAMPLES).map((i) => ({
					sku: i.sku,
					family: hierarchy.familyName(i.familyId)
				}))
			},
			itemsRenamed: hierarchy.change.updated.filter((u) => u.name !== undefined).length,
			unknownSkus: { count: unknown.size, examples: [...unknown].slice(0, EXAMPLES) },
			outsideHorizon: {
				count: [...outside.values()].reduce((a, b) => a + b, 0),
				months: [...outside.keys()].sort()
			}
		},
		problems,
		write,
		changed: measures.reduce((n, c) => n + c.changed, 0)
	};
}

/** Two values a person would call the same (money and quantities round-trip through files). */
function same(a: number | null, b: number): boolean {
	return a !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function shownValue(row: PlanRow | null, t: number): number | null {
	if (!row) return null;
	const edit = row.edit(t);
	if (edit !== undefined) return edit;
	return row.base?.[t] ?? null;
}

/** Grid order, so the summary reads like the plan. */
const ORDER = new Map(INPUT_MEASURES.map((m, i) => [m.id, i]));

/** The months a value fills: one, the whole horizon, the first; null when outside the horizon. */
function monthsOf(
	v: ImportValue,
	m: InputMeasure,
	periodIndex: ReadonlyMap<string, number>,
	horizon: number
): number[] | null {
	if (v.everyMonth) return m.firstPeriodOnly ? [0] : Array.from({ length: horizon }, (_, t) => t);
	const t = periodIndex.get(v.month);
	return t === undefined ? null : [t];
}

function ownerOf(
	v: ImportValue,
	m: InputMeasure,
	hierarchy: Hierarchy,
	problems: ImportProblem[],
	unknown: Set<string>
): string | null {
	if (m.level === 'family') {
		if (v.sku !== null) {
			problems.push({
				line: v.line,
				column: v.column,
				message: `${m.label} is planned per family; give it on a line with the family and no SKU`
			});
			return null;
		}
		const familyId = v.family === null ? undefined : hierarchy.familyId(v.family);
		if (familyId) return familyId;
		problems.push({
			line: v.line,
			column: v.column,
			message:
				v.family === null ? `${m.label} needs a family` : `the plan has no family "${v.family}"`
		});
		return null;
	}
	const itemId = v.sku === null ? undefined : hierarchy.itemId(v.sku);
	if (itemId) return itemId;
	if (v.sku !== null) unknown.add(v.sku);
	return null;
}

interface Hierarchy {
	change: HierarchyChange;
	itemId(sku: string): string | undefined;
	familyId(name: string): string | undefined;
	familyName(id: string): string;
	isNew(ownerId: string): boolean;
}

/**
 * Items by SKU and families by name (both case-insensitive), with the file's new ones added: an
 * unknown SKU with a family becomes an item of it (the family is created if need be); a known
 * SKU takes the file's name and lead time. An item stays in its family: moving items between
 * families is not something an import does.
 */
function resolveHierarchy(
	items: ImportRecords['items'],
	plan: PlanSnapshot,
	newId: () => string
): Hierarchy {
	const families = new Map(plan.families.map((f) => [f.name.trim().toLowerCase(), f.id]));
	const familyNames = new Map(plan.families.map((f) => [f.id, f.name]));
	const bySku = new Map(plan.items.map((i) => [i.sku.toLowerCase(), i]));
	const ids = new Map(plan.items.map((i) => [i.sku.toLowerCase(), i.id]));
	const added = new Set<string>();
	const change: {
		families: { id: string; name: string }[];
		items: { id: string; familyId: string; sku: string; name: string }[];
		updated: { id: string; name?: string; leadTimeDays?: number | null }[];
	} = { families: [], items: [], updated: [] };
	const seen = new Set<string>();

	for (const item of items) {
		const key = item.sku.toLowerCase();
		if (seen.has(key)) continue;
		seen.add(key);
		const existing = bySku.get(key);
		if (existing) {
			const update: (typeof change.updated)[number] = { id: existing.id };
			if (item.name && item.name !== existing.name) update.name = item.name;
			const lead = item.leadTimeDays;
			if (lead !== null && !same(existing.lead_time_days ?? null, lead)) update.leadTimeDays = lead;
			if (Object.keys(update).length > 1) change.updated.push(update);
			continue;
		}
		if (!item.family) continue;
		const familyKey = item.family.trim().toLowerCase();
		let familyId = families.get(familyKey);
		if (!familyId) {
			familyId = newId();
			families.set(familyKey, familyId);
			familyNames.set(familyId, item.family.trim());
			added.add(familyId);
			change.families.push({ id: familyId, name: item.family.trim() });
		}
		const id = newId();
		ids.set(key, id);
		added.add(id);
		change.items.push({ id, familyId, sku: item.sku, name: item.name || item.sku });
		if (item.leadTimeDays !== null) change.updated.push({ id, leadTimeDays: item.leadTimeDays });
	}
	return {
		change,
		itemId: (sku) => ids.get(sku.toLowerCase()),
		familyId: (name) => families.get(name.trim().toLowerCase()),
		familyName: (id) => familyNames.get(id) ?? '',
		isNew: (id) => added.has(id)
	};
}

/**
 * How to set some months of one row: a month someone edited is written as an edit (it would hide a
 * base value), the others into the row's base, kept whole. `base` is null when no month goes there.
 */
export function rowChange(
	current: PlanRow | null,
	ownerId: string,
	measureId: string,
	periods: readonly string[],
	months: Iterable<readonly [number, number]>
): { base: (number | null)[] | null; cells: [string, number][] } {
	const cells: [string, number][] = [];
	let base: (number | null)[] | null = null;
	for (const [t, value] of months) {
		if (current?.edit(t) !== undefined) {
			cells.push([cellKey(ownerId, periods[t], measureId), value]);
			continue;
		}
		base ??= periods.map((_, i) => current?.base?.[i] ?? null);
		base[t] = value;
	}
	return { base, cells };
}

function stepWrites(
	rows: Map<string, { ownerId: string; m: InputMeasure; months: Map<number, number> }>,
	plan: PlanSnapshot,
	isNew: (ownerId: string) => boolean
): [StepNumber, StepWrite][] {
	const byStep = new Map<
		StepNumber,
		{ base: [string, (number | null)[]][]; cells: [string, number][] }
	>();
	for (const [key, { ownerId, m, months }] of rows) {
		let step = byStep.get(m.step);
		if (!step) byStep.set(m.step, (step = { base: [], cells: [] }));
		const current = isNew(ownerId) ? null : plan.row(ownerId, m.id);
		const change = rowChange(current, ownerId, m.id, plan.periods, months);
		step.cells.push(...change.cells);
		if (change.base) step.base.push([key, change.base]);
	}
	return [...byStep]
		.sort(([a], [b]) => a - b)
		.map(([step, w]) => [
			step,
			{ ...(w.base.length ? { base: w.base } : {}), ...(w.cells.length ? { cells: w.cells } : {}) }
		]);
}
