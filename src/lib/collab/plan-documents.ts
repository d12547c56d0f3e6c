import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { CellWrite } from '../domain/cell-writes.ts';
import { metaDocument, stepDocument } from '../domain/documents.ts';
import { BASE_MAP, CELLS_MAP } from '../domain/measures.ts';
import { PlanFigures, type PlanShape } from '../domain/plan-figures.ts';
import type { StepNumber } from '../domain/roles.ts';
import { SaveTracker, type SaveState } from './save-tracker.ts';
import { readerOf, StepValues } from './step-values.ts';

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
	private readonly values = new Map<StepNumber, StepValues>();
	/** Which steps each of this user's edits touched, newest last, for undo across documents. */
	private undoGroups: StepNumber[][] = [];
	private redoGroups: StepNumber[][] = [];
	/** Steps signed off and locked: undo must not write into them (the server would refuse). */
	private locked: ReadonlySet<StepNumber> = new Set();

	constructor(
		planId: string,
		shape: PlanShape,
		serverUrl: string,
		private readonly events: PlanDocumentEvents
	) {
		const periodIndex = new Map(shape.periods.map((p, i) => [p, i]));
		this.figures = new PlanFigures(shape, readerOf(this.values));
		const saveStates: SaveState[] = [];
		for (const step of STEPS_WITH_CELLS) {
			const doc = new Y.Doc();
			this.docs.set(step, doc);
			const values = new StepValues(doc, periodIndex);
			this.values.set(step, values);
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
				this.figures.invalidate(values.cellsChanged(event.keysChanged));
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
		return this.values.get(step)?.value(key);
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

	/** Undoes this user's last edit; other people's edits stay. False if it is in a locked step. */
	undo(): boolean {
		return this.replay(this.undoGroups, this.redoGroups, (um) => um.undo());
	}

	redo(): boolean {
		return this.replay(this.redoGroups, this.undoGroups, (um) => um.redo());
	}

	setLocked(steps: ReadonlySet<StepNumber>): void {
		this.locked = steps;
	}

	destroy(): void {
		for (const um of this.undoManagers.values()) um.destroy();
		for (const p of [...this.providers, this.meta]) {
			p.destroy();
			p.doc.destroy();
		}
	}

	private replay(
		from: StepNumber[][],
		to: StepNumber[][],
		step: (um: Y.UndoManager) => unknown
	): boolean {
		const group = from.at(-1);
		if (!group) return true;
		if (group.some((s) => this.locked.has(s))) return false;
		from.pop();
		for (const s of group) step(this.undoManagers.get(s)!);
		to.push(group);
		this.undoStateChanged();
		return true;
	}

	private undoStateChanged() {
		this.events.onUndoState(this.undoGroups.length > 0, this.redoGroups.length > 0);
	}
}
