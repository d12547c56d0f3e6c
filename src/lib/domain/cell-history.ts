import { cellKey, parseCellKey, rowKey } from './measures.ts';

/**
 * How a person's edit was made, as their browser announces it on the collaboration socket just
 * before the update it describes. An edit without an announcement is logged as 'edit'.
 */
export const EDIT_KINDS = ['typed', 'pasted', 'spread', 'undo', 'redo'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

export function isEditKind(value: string): value is EditKind {
	return (EDIT_KINDS as readonly string[]).includes(value);
}

/** A `cell_edits` row's kind: a person's edit, or the source of a server-side write. */
export type HistoryKind = EditKind | 'edit' | 'import' | 'forecast' | 'scenario' | 'next-cycle';

/** One cell whose shown value a transaction changed (null: empty). */
export interface CellChange {
	ownerId: string;
	measure: string;
	period: string;
	old: number | null;
	new: number | null;
}

/**
 * What one transaction did to a step document's two maps: for each changed `cells` key whether it
 * was set before and to what, and for each changed `base` row its array before (undefined: none).
 */
export interface MapChanges {
	cells: ReadonlyMap<string, { had: boolean; old: number | null }>;
	base: ReadonlyMap<string, readonly (number | null)[] | undefined>;
}

/** The document after the transaction. */
export interface StepState {
	/** A cell's edit: a number, null for a cleared cell, undefined where there is none. */
	edit(key: string): number | null | undefined;
	baseRow(row: string): readonly (number | null)[] | undefined;
}

/**
 * The cells whose shown value (an edit over the base row's month) moved in one transaction, with
 * their effective values before and after. Keys outside the plan's months are skipped, as are
 * cells that only look changed (set to what they showed, or a base month under an edit).
 */
export function effectiveChanges(
	changes: MapChanges,
	now: StepState,
	periods: readonly string[],
	periodIndex: ReadonlyMap<string, number>
): CellChange[] {
	const out: CellChange[] = [];
	const push = (ownerId: string, measure: string, period: string, old: number | null, next: number | null) => {
		if (old !== next) out.push({ ownerId, measure, period, old, new: next });
	};
	const baseBefore = (row: string, t: number): number | null =>
		(changes.base.has(row) ? changes.base.get(row) : now.baseRow(row))?.[t] ?? null;
	for (const [key, before] of changes.cells) {
		const parsed = parseCellKey(key);
		const t = parsed ? periodIndex.get(parsed.period) : undefined;
		if (!parsed || t === undefined) continue;
		const row = rowKey(parsed.ownerId, parsed.measureId);
		const old = before.had ? before.old : baseBefore(row, t);
		const edit = now.edit(key);
		const next = edit !== undefined ? edit : (now.baseRow(row)?.[t] ?? null);
		push(parsed.ownerId, parsed.measureId, parsed.period, old, next);
	}
	for (const [row, oldRow] of changes.base) {
		const split = row.indexOf(':');
		if (split <= 0) continue;
		const ownerId = row.slice(0, split);
		const measure = row.slice(split + 1);
		const newRow = now.baseRow(row);
		for (let t = 0; t < periods.length; t++) {
			const key = cellKey(ownerId, periods[t], measure);
			// An edit over the month hides the base value; a changed edit was counted above.
			if (changes.cells.has(key) || now.edit(key) !== undefined) continue;
			push(ownerId, measure, periods[t], oldRow?.[t] ?? null, newRow?.[t] ?? null);
		}
	}
	return out;
}

/** How an entry of a cell's history says how the change was made. */
export function kindLabel(kind: string, cells: number): string {
	const many = cells > 1 ? ` (${cells.toLocaleString('en')} cells)` : '';
	switch (kind) {
		case 'typed':
			return cells > 1 ? `typed${many}` : 'typed';
		case 'pasted':
			return `pasted${many}`;
		case 'spread':
			return `spread from a family total${many}`;
		case 'undo':
			return 'undone';
		case 'redo':
			return 'redone';
		case 'import':
			return `imported${many}`;
		case 'forecast':
			return 'from the forecast';
		case 'scenario':
			return 'merged from a scenario';
		case 'next-cycle':
			return 'carried from the last cycle';
		default:
			return `edited${many}`;
	}
}
