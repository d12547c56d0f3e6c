import type { ThreadView } from './comments.ts';
import { count } from './format.ts';
import { cellKey, parseCellKey, rowKey, type Measure } from './measures.ts';

/**
 * How a person's edit was made, as their browser announces it on the collaboration socket just
 * before the update it describes. An edit without an announcement is logged as 'edit'.
 */
export const EDIT_KINDS = ['typed', 'pasted', 'spread', 'undo', 'redo'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

export function isEditKind(value: string): value is EditKind {
	return (EDIT_KINDS as readonly string[]).includes(value);
}

/**
 * A person's edit the server had not heard of when their browser (re)connected: made while the
 * connection was down, and sent in the sync that follows it.
 */
export const OFFLINE_KIND = 'offline';

/** A `cell_edits` row's kind: a person's edit, or the source of a server-side write. */
export type HistoryKind =
	EditKind | typeof OFFLINE_KIND | 'edit' | 'import' | 'forecast' | 'scenario' | 'next-cycle';

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
	const push = (
		ownerId: string,
		measure: string,
		period: string,
		old: number | null,
		next: number | null
	) => {
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
		case OFFLINE_KIND:
			return `made offline${many}`;
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

/**
 * Whether a grid cell holds a stored value with a history of its own: a typed measure on the rows
 * it is kept on (items, or families for family measures). Derived values and totals have none.
 */
export function hasHistory(scope: 'total' | 'family' | 'item', m: Measure): boolean {
	if (m.kind !== 'input') return false;
	return m.level === 'family' ? scope === 'family' : scope === 'item';
}

/** What the history endpoints answer: one change of a cell, for the history panel. */
export interface CellEditView {
	id: number;
	at: string;
	userId: string | null;
	userName: string | null;
	kind: string;
	editCells: number;
	old: number | null;
	new: number | null;
}

export interface CellHistoryView {
	edits: CellEditView[];
	/** All recorded edits of the cell, when more than `edits` lists. */
	total: number;
	threads: ThreadView[];
}

export interface CellAddress {
	ownerId: string;
	measureId: string;
	period: string;
}

export interface ChangedCell extends CellAddress {
	edits: number;
	lastAt: string;
	lastUserName: string | null;
}

/** The most changed cells "changes since" lists; the total is counted beyond it. */
export const CHANGES_LIMIT = 5000;

export interface ChangesView {
	since: string;
	/** Distinct cells changed since then; `cells` lists the most recently changed, up to a cap. */
	total: number;
	cells: ChangedCell[];
	/** The newest recorded edit counted (0: none): what a later fetch asks for edits after. */
	lastId: number;
}

/**
 * The changes of `earlier` brought up to date with the edits recorded after it (`newer`, fetched
 * with `after = earlier.lastId`): counts added, the last edit's time and author taken, the cells
 * changed again first. Null when `earlier` was cut at the cap, so a cell outside its list may be
 * counted twice: fetch the whole period instead.
 */
export function mergeChanges(earlier: ChangesView, newer: ChangesView): ChangesView | null {
	if (earlier.total > earlier.cells.length) return null;
	const key = (c: CellAddress) => `${c.ownerId}:${c.measureId}:${c.period}`;
	const before = new Map(earlier.cells.map((c) => [key(c), c]));
	const again = newer.cells.map((c) => {
		const old = before.get(key(c));
		before.delete(key(c));
		return old ? { ...c, edits: old.edits + c.edits } : c;
	});
	const cells = [...again, ...before.values()];
	return {
		since: earlier.since,
		total: cells.length,
		cells: cells.slice(0, CHANGES_LIMIT),
		lastId: Math.max(earlier.lastId, newer.lastId)
	};
}

export interface VisitTimes {
	/** The start of the person's previous visit, null on their first. */
	lastVisit: string | null;
	/** When the plan was created: the start of its cycle (rolled from the last approved version). */
	planStart: string;
	/** Whether the plan was rolled from an earlier cycle. */
	rolled: boolean;
}

/**
 * Changed cells in the grid's order (rows top to bottom, then months), for next/previous; cells on
 * rows the view hides (filters, collapsed families) are only counted.
 */
export function inGridOrder<T extends CellAddress>(
	cells: readonly T[],
	rowIndex: ReadonlyMap<string, number>,
	periods: readonly string[]
): { shown: T[]; hidden: number } {
	const col = new Map(periods.map((p, i) => [p, i]));
	const placed: [number, number, T][] = [];
	for (const cell of cells) {
		const r = rowIndex.get(rowKey(cell.ownerId, cell.measureId));
		const c = col.get(cell.period);
		if (r !== undefined && c !== undefined) placed.push([r, c, cell]);
	}
	placed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	return { shown: placed.map(([, , cell]) => cell), hidden: cells.length - placed.length };
}

/** "37 cells changed": the moment they are counted from stands beside it, in its select. */
export function changesCount(cells: number): string {
	return `${count(cells, 'cell')} changed`;
}

/** A moment to show changes since: `since` is an ISO time; `label` reads "since <label>". */
export interface SinceOption {
	id: string;
	label: string;
	since: string;
}

/**
 * The moments "changes since" offers: the person's last visit (none on their first), and the
 * start of this plan's cycle, which a rolled plan began from the last cycle's approved version.
 */
export function sinceOptions(visits: VisitTimes): SinceOption[] {
	const options: SinceOption[] = [];
	if (visits.lastVisit)
		options.push({ id: 'visit', label: 'your last visit', since: visits.lastVisit });
	options.push({
		id: 'cycle',
		label: visits.rolled ? "the last cycle's approved version" : 'the plan was created',
		since: visits.planStart
	});
	return options;
}
