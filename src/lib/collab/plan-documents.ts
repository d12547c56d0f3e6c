import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { CellWrite } from '../domain/cell-writes.ts';
import {
	metaDocument,
	scenarioDocument,
	stepDocument,
	STEPS_WITH_CELLS
} from '../domain/documents.ts';
import { ChangeIndex } from '../domain/scenario/overlay.ts';
import { SCENARIO_CELLS_MAP } from '../domain/scenario/document.ts';
import { BASE_MAP, CELLS_MAP, inputMeasure, parseCellKey } from '../domain/measures.ts';
import { PlanFigures, type PlanShape } from '../domain/plan-figures.ts';
import type { StepNumber } from '../domain/roles.ts';
import { SaveTracker, type SaveState } from './save-tracker.ts';
import { quietWhileLoading } from './quiet-load.ts';
import { CLOSE_FORBIDDEN, CLOSE_LOCKED } from '../sync/protocol.ts';
import type { EditKind } from '../domain/cell-history.ts';
import { encodeEditKind } from '../sync/edit-kind.ts';
import type { MetNewer, RefusedEdit } from '../domain/offline-edits.ts';
import {
	deleteLocalDocument,
	deletePlanCopy,
	localDocumentName,
	rememberOpened,
	waitingKey,
	type LocalPart
} from './local-copies.ts';
import { WaitingEdits } from './waiting-edits.ts';
import { readerOf, StepValues } from '../sync/step-values.ts';

const SEVERITY: SaveState[] = ['saved', 'saving', 'connecting', 'offline'];
/** Origin of this browser's own edits: what undo tracks. */
const LOCAL = Symbol('local edit');
/** Marks a local copy as once synced with the server: even an empty one is a whole document. */
const SYNCED_MARK = 'synced';

export interface PlanDocumentEvents {
	/** Cells changed (anyone's edit); the figures of their owners are already invalidated. */
	onCells(): void;
	onSaveState(state: SaveState): void;
	/** The server refused the connection for good (e.g. access was withdrawn). */
	onClosed(reason: string): void;
	/** Something this browser's user should know, e.g. an edit the server refused. */
	onNotice(message: string): void;
	onUndoState(canUndo: boolean, canRedo: boolean): void;
	/** How many of this person's edits the server has not acknowledged yet. */
	onWaiting?(count: number): void;
	/** Waiting edits that met someone else's edit of the same cell when the connection came back. */
	onMetNewer?(met: MetNewer[]): void;
	/** Waiting edits the server refused (their step locked meanwhile); they are dropped. */
	onRefused?(refused: RefusedEdit[]): void;
}

/** Whose browser this is: plans are kept locally per person. Null keeps nothing locally. */
export interface LocalCopyOwner {
	userId: string;
}

/** A document's local copy in IndexedDB, and the edits it holds that the server has not acknowledged. */
interface LocalDocument {
	persistence: IndexeddbPersistence;
	waiting: WaitingEdits;
}

interface StepDocument {
	doc: Y.Doc;
	provider: WebsocketProvider;
	undo: Y.UndoManager;
	values: StepValues;
	local: LocalDocument | null;
}

/** A scenario open over the plan: its document, the cells it changes and this user's undo. */
interface ScenarioDocument {
	doc: Y.Doc;
	provider: WebsocketProvider;
	cells: Y.Map<number | null>;
	index: ChangeIndex;
	undo: Y.UndoManager;
	local: LocalDocument | null;
}

/**
 * The Yjs side of an open plan: one document per step holding its cells, their providers, save
 * tracking, per-user undo across the documents, and the figures computed from the cells. The meta
 * document (presence) is opened here too; the reactive wrapper reads its awareness.
 *
 * Opened on a scenario, the step documents are its base, read live, and every edit goes to the
 * scenario's document, whose cells are laid over the plan's; presence is the scenario's own.
 */
export class PlanDocuments {
	readonly figures: PlanFigures;
	readonly meta: WebsocketProvider;
	readonly scenario: ScenarioDocument | null = null;
	private readonly steps = new Map<StepNumber, StepDocument>();
	private readonly values = new Map<StepNumber, StepValues>();
	/** Per step document, and 0 for a scenario's. */
	private readonly saveStates = new Map<StepNumber | 0, SaveState>();
	private readonly periodIndex: Map<string, number>;
	/** Which steps each of this user's edits touched, newest last, for undo across documents. */
	private undoGroups: StepNumber[][] = [];
	private redoGroups: StepNumber[][] = [];
	/** Steps signed off and locked: undo must not write into them (the server would refuse). */
	private locked: ReadonlySet<StepNumber> = new Set();
	/**
	 * While the plan opens, the documents (steps, and 0 for a scenario's) not synced yet. Figures
	 * from some documents only are wrong (inventory without production) and each partial set would
	 * cost a whole-plan pass, so readers hear of cells once, when the last document is in.
	 */
	private opening: Set<StepNumber | 0> | null = new Set();
	private destroyed = false;

	constructor(
		private readonly planId: string,
		shape: PlanShape,
		private readonly serverUrl: string,
		private readonly events: PlanDocumentEvents,
		scenarioId: string | null = null,
		private readonly owner: LocalCopyOwner | null = null
	) {
		if (owner) rememberOpened(owner.userId, planId);
		this.periodIndex = new Map(shape.periods.map((p, i) => [p, i]));
		if (scenarioId) this.scenario = this.openScenario(scenarioId, shape.periods);
		const plan = readerOf(this.values);
		this.figures = new PlanFigures(
			shape,
			this.scenario ? this.scenario.index.reader(plan) : plan,
			() => this.loaded
		);
		for (const step of STEPS_WITH_CELLS) this.open(step);
		this.meta = new WebsocketProvider(serverUrl, metaDocument(planId), new Y.Doc(), {
			disableBc: true
		});
		if (this.scenario) this.meta.awareness.setLocalState(null);
		if (owner) {
			addEventListener('offline', this.wentOffline);
			addEventListener('online', this.cameBack);
		}
	}

	/**
	 * The browser knows the network is gone before a dead socket times out (up to 30 s): the
	 * documents go offline at once, edits wait locally, and reconnect when the network is back.
	 */
	private readonly wentOffline = () => {
		for (const provider of this.providers()) provider.disconnect();
	};

	private readonly cameBack = () => {
		for (const provider of this.providers()) provider.connect();
	};

	private providers(): WebsocketProvider[] {
		const steps = [...this.steps.values()].map((s) => s.provider);
		return [...steps, this.meta, ...(this.scenario ? [this.scenario.provider] : [])];
	}

	/** Where this user's presence is shared: the scenario's document, or the plan's meta document. */
	get presence(): WebsocketProvider {
		return this.scenario?.provider ?? this.meta;
	}

	private openScenario(scenarioId: string, periods: readonly string[]): ScenarioDocument {
		const doc = new Y.Doc();
		const cells = doc.getMap<number | null>(SCENARIO_CELLS_MAP);
		const index = new ChangeIndex(periods);
		const tracker = new SaveTracker();
		const provider = new WebsocketProvider(
			this.serverUrl,
			scenarioDocument(this.planId, scenarioId),
			doc,
			{ WebSocketPolyfill: tracker.WebSocketClass, disableBc: true, connect: !this.owner }
		);
		const part = { scenarioId };
		tracker.attach(provider);
		const local = this.openLocal(part, cells, provider, tracker, () => !this.destroyed);
		this.trackSaves(0, tracker, local, () => true);
		provider.on('closed', (event) => {
			// The scenario is no longer shared with this person (the plan may still be).
			if (event.code === CLOSE_FORBIDDEN) void this.forget([local], part);
			this.events.onClosed(event.reason || 'access refused');
		});
		cells.observe((event) => {
			this.figures.invalidate(index.update(cells, event.keysChanged));
			this.cellsChanged();
		});
		this.awaitSync(0, provider, this.wholeCopy(provider, local?.persistence));
		const undo = new Y.UndoManager(cells, { trackedOrigins: new Set([LOCAL]), captureTimeout: 0 });
		return { doc, provider, cells, index, undo, local };
	}

	/** Reports a document's save state; edits waiting while it connects mean it is offline. */
	private trackSaves(
		key: StepNumber | 0,
		tracker: SaveTracker,
		local: LocalDocument | null,
		current: () => boolean
	): void {
		tracker.subscribe((state) => {
			if (!current()) return;
			if (state === 'saved') local?.waiting.acknowledged();
			const waiting = local?.waiting.count ?? 0;
			this.saveStateChanged(key, state === 'connecting' && waiting > 0 ? 'offline' : state);
		});
	}

	private saveStateChanged(key: StepNumber | 0, state: SaveState): void {
		this.saveStates.set(key, state);
		const worst = Math.max(...[...this.saveStates.values()].map((s) => SEVERITY.indexOf(s)));
		this.events.onSaveState(SEVERITY[worst]);
	}

	private open(step: StepNumber): void {
		const doc = new Y.Doc();
		const values = new StepValues(doc, this.periodIndex);
		const cells = doc.getMap<number | null>(CELLS_MAP);
		const base = doc.getMap<(number | null)[]>(BASE_MAP);
		const undo = new Y.UndoManager(cells, { trackedOrigins: new Set([LOCAL]), captureTimeout: 0 });
		const tracker = new SaveTracker();
		const provider = new WebsocketProvider(this.serverUrl, stepDocument(this.planId, step), doc, {
			WebSocketPolyfill: tracker.WebSocketClass,
			disableBc: true,
			// With a local copy, it loads first, so that the server is asked only for the difference.
			connect: !this.owner
		});
		// Presence lives on the meta document; the step documents carry cells only.
		provider.awareness.setLocalState(null);
		const current = () => this.steps.get(step)?.provider === provider;
		tracker.attach(provider);
		const local = this.openLocal(step, cells, provider, tracker, current);
		this.steps.set(step, { doc, provider, undo, values, local });
		this.values.set(step, values);
		this.trackSaves(step, tracker, local, current);
		provider.on('closed', (event) => {
			if (event.code === CLOSE_LOCKED) return void this.reopen(step, event.reason);
			if (event.code === CLOSE_FORBIDDEN) void this.forget(this.locals(), null);
			this.events.onClosed(event.reason || 'access refused');
		});
		cells.observe((event) => {
			this.figures.invalidate(values.cellsChanged(event.keysChanged));
			this.cellsChanged();
		});
		base.observe((event) => {
			this.figures.invalidate([...event.keysChanged].map((key) => key.split(':')[0]));
			this.cellsChanged();
		});
		// A copy holding base rows is whole too when made before copies were marked.
		this.awaitSync(
			step,
			provider,
			this.wholeCopy(provider, local?.persistence, (doc) => doc.getMap(BASE_MAP).size > 0)
		);
		// Edits left waiting by an earlier visit count from the start.
		if (local) this.waitingChanged();
	}

	/**
	 * Resolves, once a local copy has loaded, whether it is a whole document the plan can draw from
	 * (offline, say): one that has been synced with the server, which marks it so, even if it is
	 * empty; or one `holds` says is whole. Undefined without a copy.
	 */
	private wholeCopy(
		provider: WebsocketProvider,
		persistence: IndexeddbPersistence | undefined,
		holds: (doc: Y.Doc) => boolean = () => false
	): Promise<boolean> | undefined {
		if (!persistence) return undefined;
		provider.on('sync', (synced) => {
			if (synced && !this.destroyed) void persistence.set(SYNCED_MARK, 1);
		});
		return persistence.whenSynced.then(
			async () => holds(persistence.doc) || (await persistence.get(SYNCED_MARK)) === 1
		);
	}

	/**
	 * A document's local copy (a step's, or the scenario's): loads it, then connects while the
	 * document is `current`; counts the edits waiting in it.
	 */
	private openLocal(
		part: LocalPart,
		cells: Y.Map<number | null>,
		provider: WebsocketProvider,
		tracker: SaveTracker,
		current: () => boolean
	): LocalDocument | null {
		if (!this.owner) return null;
		const { userId } = this.owner;
		const name = localDocumentName(userId, this.planId, part);
		const persistence = new IndexeddbPersistence(name, cells.doc!);
		quietWhileLoading(cells.doc!, persistence, [
			provider._updateHandler,
			persistence._storeUpdate,
			tracker.onUpdate
		]);
		const waiting = new WaitingEdits(
			waitingKey(userId, this.planId, part),
			cells,
			(origin) => origin === provider || origin === persistence,
			(origin) => origin === provider,
			{
				onCount: () => this.waitingChanged(),
				onMetNewer: (met) => this.events.onMetNewer?.(met)
			}
		);
		void persistence.whenSynced.then(() => {
			if (current()) provider.connect();
		});
		return { persistence, waiting };
	}

	/** The local copies open now: the steps' and the scenario's. */
	private locals(): LocalDocument[] {
		const all = [...this.steps.values(), ...(this.scenario ? [this.scenario] : [])];
		return all.flatMap((d) => (d.local ? [d.local] : []));
	}

	/**
	 * Access was withdrawn: nothing of it may stay in this browser. The copies open here are closed
	 * first (no write lands after the deletion, which they would otherwise hold up), then the
	 * plan's copy is deleted, or with `part` that document's only.
	 */
	private async forget(open: (LocalDocument | null)[], part: LocalPart | null): Promise<void> {
		if (!this.owner) return;
		const { userId } = this.owner;
		await Promise.all(open.map((local) => local?.persistence.destroy()));
		if (part === null) await deletePlanCopy(userId, this.planId);
		else await deleteLocalDocument(userId, this.planId, part);
	}

	private waitingChanged(): void {
		const count = this.locals().reduce((sum, local) => sum + local.waiting.count, 0);
		this.events.onWaiting?.(count);
	}

	/** Every document of the plan has loaded, from the local copy or the server. */
	get loaded(): boolean {
		return this.opening === null;
	}

	private cellsChanged(): void {
		if (this.loaded) this.events.onCells();
	}

	/** While the plan opens: counts the document in, and tells of its cells once all are in. */
	private awaitSync(
		key: StepNumber | 0,
		provider: WebsocketProvider,
		/** Resolves true when the local copy has loaded and is a whole document. */
		localWhole?: Promise<boolean>
	): void {
		if (!this.opening) return;
		this.opening.add(key);
		const synced = (isSynced: boolean) => {
			if (!isSynced || !this.opening?.has(key)) return;
			provider.off('sync', synced);
			this.opening.delete(key);
			if (this.opening.size > 0) return;
			this.opening = null;
			this.events.onCells();
		};
		provider.on('sync', synced);
		void localWhole?.then(synced);
	}

	/**
	 * The server refused an edit to a step that had just locked. This browser's copy holds that
	 * edit, which nobody else has: it is dropped, with the step's undo history and its local copy,
	 * and the step is loaded afresh as the server keeps it. The waiting edits are listed first, so
	 * that nothing typed is lost unseen.
	 */
	private async reopen(step: StepNumber, reason: string): Promise<void> {
		const local = this.steps.get(step)?.local;
		const refused = (local?.waiting.entries() ?? []).map(([key, value]) => ({
			key,
			value,
			reason
		}));
		if (refused.length > 0) this.events.onRefused?.(refused);
		local?.waiting.acknowledged();
		this.close(step);
		// Deleted before the step opens again, or the new copy would load the refused edits.
		await local?.persistence.clearData();
		if (this.destroyed) return;
		this.undoGroups = this.undoGroups.filter((g) => !g.includes(step));
		this.redoGroups = this.redoGroups.filter((g) => !g.includes(step));
		this.undoStateChanged();
		this.open(step);
		this.figures.invalidateAll();
		this.events.onCells();
		this.events.onNotice(reason);
	}

	private close(step: StepNumber): void {
		const open = this.steps.get(step);
		if (!open) return;
		this.steps.delete(step);
		void open.local?.persistence.destroy();
		open.undo.destroy();
		open.provider.destroy();
		open.doc.destroy();
	}

	/** One cell's value: the scenario's, else its edit if it has one, else its base value. */
	value(step: StepNumber, key: string): number | undefined {
		const scenario = this.scenario?.cells;
		if (scenario?.has(key)) return scenario.get(key) ?? undefined;
		return this.steps.get(step)?.values.value(key);
	}

	/** On a scenario, whether it changes this cell, and the plan's value there (null: empty). */
	scenarioChange(key: string): { plan: number | null } | null {
		if (!this.scenario?.cells.has(key)) return null;
		const m = inputMeasure(parseCellKey(key)?.measureId ?? '');
		return { plan: (m && this.steps.get(m.step)?.values.value(key)) ?? null };
	}

	/**
	 * Writes cells (null clears one), one transaction per step document, as one undoable edit; on a
	 * scenario, one transaction in its document.
	 */
	write(writes: readonly CellWrite[], kind: EditKind = 'typed'): void {
		if (this.scenario) {
			const { doc, cells } = this.scenario;
			if (writes.length > 0) {
				doc.transact(() => writes.forEach((w) => cells.set(w.key, w.value)), LOCAL);
			}
			return this.undoStateChanged();
		}
		const byStep = new Map<StepNumber, CellWrite[]>();
		for (const w of writes) byStep.set(w.step, [...(byStep.get(w.step) ?? []), w]);
		for (const [step, list] of byStep) {
			const doc = this.steps.get(step)?.doc;
			if (!doc) throw new Error(`Step ${step} has no cells`);
			const cells = doc.getMap<number | null>(CELLS_MAP);
			this.announce(step, kind);
			doc.transact(() => {
				for (const w of list) cells.set(w.key, w.value);
			}, LOCAL);
		}
		if (byStep.size === 0) return;
		this.undoGroups.push([...byStep.keys()]);
		this.redoGroups = [];
		this.undoStateChanged();
	}

	/**
	 * Tells the server how the next update to a step document is made, for its cells' history. Sent
	 * on the socket the update follows on; offline, the update arrives later as an unlabelled edit.
	 */
	private announce(step: StepNumber, kind: EditKind): void {
		const provider = this.steps.get(step)?.provider;
		const ws = provider?.wsconnected ? provider.ws : null;
		// The same test the provider makes before sending the update itself.
		if (ws && ws.readyState === ws.OPEN) ws.send(encodeEditKind(kind));
	}

	/** Undoes this user's last edit; other people's edits stay. False if it is in a locked step. */
	undo(): boolean {
		if (this.scenario) return this.replayScenario((um) => um.undo());
		return this.replay(this.undoGroups, this.redoGroups, (um) => um.undo());
	}

	redo(): boolean {
		if (this.scenario) return this.replayScenario((um) => um.redo());
		return this.replay(this.redoGroups, this.undoGroups, (um) => um.redo());
	}

	setLocked(steps: ReadonlySet<StepNumber>): void {
		this.locked = steps;
	}

	destroy(): void {
		this.destroyed = true;
		if (this.owner) {
			removeEventListener('offline', this.wentOffline);
			removeEventListener('online', this.cameBack);
		}
		for (const step of [...this.steps.keys()]) this.close(step);
		if (this.scenario) {
			void this.scenario.local?.persistence.destroy();
			this.scenario.undo.destroy();
			this.scenario.provider.destroy();
			this.scenario.doc.destroy();
		}
		this.meta.destroy();
		this.meta.doc.destroy();
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
		for (const s of group) {
			const um = this.steps.get(s)!.undo;
			if (from === this.undoGroups ? um.canUndo() : um.canRedo()) {
				this.announce(s, from === this.undoGroups ? 'undo' : 'redo');
			}
			step(um);
		}
		to.push(group);
		this.undoStateChanged();
		return true;
	}

	/** A scenario is never locked: its undo is its document's. */
	private replayScenario(step: (um: Y.UndoManager) => unknown): boolean {
		step(this.scenario!.undo);
		this.undoStateChanged();
		return true;
	}

	private undoStateChanged() {
		const um = this.scenario?.undo;
		if (um) return this.events.onUndoState(um.canUndo(), um.canRedo());
		this.events.onUndoState(this.undoGroups.length > 0, this.redoGroups.length > 0);
	}
}
