import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { CellWrite } from '../domain/cell-writes.ts';
import { metaDocument, stepDocument } from '../domain/documents.ts';
import { BASE_MAP, CELLS_MAP, parseCellKey, rowKey } from '../domain/measures.ts';
import { PlanFigures, type PlanShape } from '../domain/plan-figures.ts';
import type { StepNumber } from '../domain/roles.ts';
import { SaveTracker, type SaveState } from './save-tracker.ts';

const STEPS_WITH_CELLS: StepNumber[] = [1, 2, 3];
const SEVERITY: SaveState[] = ['saved', 'saving', 'connecting', 'offline'];
/** Origin of this browser's own edits: what undo tracks. */
const LOCAL = Symbol('local edit');

export interface PlanDocumentEvents {
	/** Cells changed (anyone's edit); the figures of their owners are already invalidated. */
	onCells(): void;
	onSaveState(state: SaveState): void;
	/** The server refused the connection for good (e.g. access was withdrawn). */
	onClosed(reason: string): void;
	onUndoState(canUndo: boolean, canRedo: boolean): void;
}

/**
 * The Yjs side of an open plan: one document per step holding its cells, their providers, save
 * tracking, per-user undo across the documents, and the figures computed from the cells. The meta
 * document (presence) is opened here too; the reactive wrapper reads its awareness.
 */
export class PlanDocuments {
	readonly figures: PlanFigures;
	readonly meta: WebsocketProvider;
	private readonly docs = new Map<StepNumber, Y.Doc>();
	private readonly undoManagers = new Map<StepNumber, Y.UndoManager>();
	private readonly providers: WebsocketProvider[] = [];
	/** Edited cells by row, then period index: what overrides the base rows (null = cleared). */
	private readonly overrides = new Map<string, Map<number, number | null>>();
	private readonly periodIndex: Map<string, number>;
	private readonly periods: number;
	/** Which steps each of this user's edits touched, newest last, for undo across documents. */
	private undoGroups: StepNumber[][] = [];
	private redoGroups: StepNumber[][] = [];

	constructor(
		planId: string,
		shape: PlanShape,
		serverUrl: string,
		private readonly events: PlanDocumentEvents
	) {
		this.periods = shape.periods.length;
		this.periodIndex = new Map(shape.periods.map((p, i) => [p, i]));
		this.figures = new PlanFigures(shape, (m, owner) => this.row(m.step, rowKey(owner, m.id)));
		const saveStates: SaveState[] = [];
		for (const step of STEPS_WITH_CELLS) {
			const doc = new Y.Doc();
			this.docs.set(step, doc);
			const cells = doc.getMap<number | null>(CELLS_MAP);
			const base = doc.getMap<(number | null)[]>(BASE_MAP);
			this.undoManagers.set(
				step,
				new Y.UndoManager(cells, { trackedOrigins: new Set([LOCAL]), captureTimeout: 0 })
			);
			const tracker = new SaveTracker();
			const provider = new WebsocketProvider(serverUrl, stepDocument(planId, step), doc, {
				WebSocketPolyfill: tracker.WebSocketClass,
				disableBc: true
			});
			// Presence lives on the meta document; the step documents carry cells only.
			provider.awareness.setLocalState(null);
			tracker.attach(provider);
			const index = this.providers.push(provider) - 1;
			tracker.subscribe((state) => {
				saveStates[index] = state;
				events.onSaveState(SEVERITY[Math.max(...saveStates.map((s) => SEVERITY.indexOf(s)))]);
			});
			provider.on('closed', (event) => events.onClosed(event.reason || 'access refused'));
			cells.observe((event) => {
				const owners = new Set<string>();
				for (const key of event.keysChanged) {
					const parsed = parseCellKey(key);
					const t = parsed ? this.periodIndex.get(parsed.period) : undefined;
					if (!parsed || t === undefined) continue;
					owners.add(parsed.ownerId);
					const row = rowKey(parsed.ownerId, parsed.measureId);
					let edits = this.overrides.get(row);
					if (!edits) this.overrides.set(row, (edits = new Map()));
					if (cells.has(key)) edits.set(t, cells.get(key) ?? null);
					else edits.delete(t);
				}
				this.figures.invalidate(owners);
				events.onCells();
			});
			base.observe((event) => {
				this.figures.invalidate([...event.keysChanged].map((key) => key.split(':')[0]));
				events.onCells();
			});
		}
		this.meta = new WebsocketProvider(serverUrl, metaDocument(planId), new Y.Doc(), {
			disableBc: true
		});
	}

	/** One cell's value: its edit if it has one, else its base value. */
	value(step: StepNumber, key: string): number | undefined {
		const parsed = parseCellKey(key);
		const t = parsed ? this.periodIndex.get(parsed.period) : undefined;
		if (!parsed || t === undefined) return undefined;
		const row = rowKey(parsed.ownerId, parsed.measureId);
		const edits = this.overrides.get(row);
		if (edits?.has(t)) return edits.get(t) ?? undefined;
		return this.baseRow(step, row)?.[t] ?? undefined;
	}

	/** One row's values, edits over base, NaN where empty. */
	private row(step: StepNumber, row: string): Float64Array {
		const out = new Float64Array(this.periods).fill(NaN);
		const base = this.baseRow(step, row);
		if (base) for (let t = 0; t < this.periods; t++) out[t] = base[t] ?? NaN;
		for (const [t, v] of this.overrides.get(row) ?? []) out[t] = v ?? NaN;
		return out;
	}

	private baseRow(step: StepNumber, row: string): (number | null)[] | undefined {
		return this.docs.get(step)?.getMap<(number | null)[]>(BASE_MAP).get(row);
	}

	/** Writes cells (null clears one), one transaction per step document, as one undoable edit. */
	write(writes: readonly CellWrite[]): void {
		const byStep = new Map<StepNumber, CellWrite[]>();
		for (const w of writes) byStep.set(w.step, [...(byStep.get(w.step) ?? []), w]);
		for (const [step, list] of byStep) {
			const doc = this.docs.get(step);
			if (!doc) throw new Error(`Step ${step} has no cells`);
			const cells = doc.getMap<number | null>(CELLS_MAP);
			doc.transact(() => {
				for (const w of list) cells.set(w.key, w.value);
			}, LOCAL);
		}
		if (byStep.size === 0) return;
		this.undoGroups.push([...byStep.keys()]);
		this.redoGroups = [];
		this.undoStateChanged();
	}

	/** Undoes this user's last edit; other people's edits stay. */
	undo(): void {
		this.replay(this.undoGroups, this.redoGroups, (um) => um.undo());
	}

	redo(): void {
		this.replay(this.redoGroups, this.undoGroups, (um) => um.redo());
	}

	destroy(): void {
		for (const um of this.undoManagers.values()) um.destroy();
		for (const p of [...this.providers, this.meta]) {
			p.destroy();
			p.doc.destroy();
		}
	}

	private replay(from: StepNumber[][], to: StepNumber[][], step: (um: Y.UndoManager) => unknown) {
		const group = from.pop();
		if (!group) return;
		for (const s of group) step(this.undoManagers.get(s)!);
		to.push(group);
		this.undoStateChanged();
	}

	private undoStateChanged() {
		this.events.onUndoState(this.undoGroups.length > 0, this.redoGroups.length > 0);
	}
}
