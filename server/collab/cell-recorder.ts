import type * as Y from 'yjs';
import { effectiveChanges, type CellChange } from '../../src/lib/domain/cell-history.ts';
import { BASE_MAP, CELLS_MAP } from '../../src/lib/domain/measures.ts';

/**
 * Collects what each transaction does to a step document's `cells` and `base` maps (their
 * observers run before the document's update event), so the update can be logged with the cells
 * whose shown values it moved. Costs a map entry per changed key; nothing when nothing changed.
 */
export class CellRecorder {
	private readonly cells: Y.Map<number | null>;
	private readonly base: Y.Map<(number | null)[]>;
	private readonly periodIndex: ReadonlyMap<string, number>;
	private cellChanges = new Map<string, { had: boolean; old: number | null }>();
	private baseChanges = new Map<string, readonly (number | null)[] | undefined>();

	constructor(
		doc: Y.Doc,
		private readonly periods: readonly string[]
	) {
		this.cells = doc.getMap<number | null>(CELLS_MAP);
		this.base = doc.getMap<(number | null)[]>(BASE_MAP);
		this.periodIndex = new Map(periods.map((p, i) => [p, i]));
		this.cells.observe(this.onCells);
		this.base.observe(this.onBase);
	}

	private onCells = (event: Y.YMapEvent<number | null>): void => {
		for (const [key, change] of event.changes.keys) {
			if (this.cellChanges.has(key)) continue;
			const had = change.action !== 'add';
			this.cellChanges.set(key, {
				had,
				old: had ? ((change.oldValue as number | null) ?? null) : null
			});
		}
	};

	private onBase = (event: Y.YMapEvent<(number | null)[]>): void => {
		for (const [key, change] of event.changes.keys) {
			if (this.baseChanges.has(key)) continue;
			this.baseChanges.set(key, change.action === 'add' ? undefined : change.oldValue);
		}
	};

	/** The cells the last transaction changed, effective values before and after; then forgets it. */
	take(): CellChange[] {
		if (this.cellChanges.size === 0 && this.baseChanges.size === 0) return [];
		const changes = { cells: this.cellChanges, base: this.baseChanges };
		this.cellChanges = new Map();
		this.baseChanges = new Map();
		return effectiveChanges(
			changes,
			{
				edit: (key) => (this.cells.has(key) ? (this.cells.get(key) ?? null) : undefined),
				baseRow: (row) => this.base.get(row)
			},
			this.periods,
			this.periodIndex
		);
	}

	destroy(): void {
		this.cells.unobserve(this.onCells);
		this.base.unobserve(this.onBase);
	}
}
