import type * as Y from 'yjs';
import type { CellWrite } from '../domain/cell-writes.ts';
import type { EditKind } from '../domain/cell-history.ts';
import {
	leversInOrder,
	SCENARIO_CELLS_MAP,
	SCENARIO_LEVERS_MAP,
	type StoredLever
} from '../domain/scenario/document.ts';
import type { PlanShape } from '../domain/plan-figures.ts';
import type { Kpis } from '../domain/kpis.ts';
import type { StepNumber } from '../domain/roles.ts';
import { PlanDocuments } from './plan-documents.ts';
import type { FirstScreen } from '../domain/first-screen.ts';
import { mergeListing, type MetNewer, type RefusedEdit } from '../domain/offline-edits.ts';
import { NOTICES_MAP, PLAN_TOPICS, type PlanTopic } from '../sync/protocol.ts';
import type { SaveState } from './save-tracker.ts';
import { latestThrottle } from './throttle.ts';
import type { PresentedView } from '../domain/meeting/follow.ts';

/** A cell by what it is, not where it is shown: owner (item or family), measure and month. */
export interface CellRef {
	ownerId: string;
	measureId: string;
	period: string;
}

export interface SelectionRef {
	anchor: CellRef;
	focus: CellRef;
}

export interface Participant {
	clientId: number;
	user: { id: string; name: string; color: string };
	selection: SelectionRef | null;
	/** In a meeting: what the presenter's board shows, and whom a follower follows. */
	present: PresentedView | null;
	follows: string | null;
}

/**
 * The reactive face of an open plan for Svelte components: state that re-renders them, over the
 * plan's documents. Nothing here decides permissions; the server enforces them, the UI mirrors them.
 */
export class PlanConnection {
	/** Bumped on every cell change so that readers of values and figures re-render. */
	version = $state(0);
	participants = $state<Participant[]>([]);
	/** Disconnected: the others in `participants` are as last seen, and may have left. */
	presenceStale = $state(false);
	saveState = $state<SaveState>('connecting');
	/** A terminal refusal by the server (lost access), shown instead of silently retrying. */
	closedReason = $state<string | null>(null);
	canUndo = $state(false);
	canRedo = $state(false);
	/** A passing message about something this browser refused to do (e.g. undo into a locked step). */
	notice = $state<string | null>(null);
	/**
	 * Bumped when the server says a topic's state changed, and on every (re)connection, since
	 * notices sent while disconnected are lost: readers fetch the topic again when it moves.
	 */
	revisions = $state<Record<PlanTopic, number>>({
		cycle: 0,
		comments: 0,
		hierarchy: 0,
		meeting: 0
	});

	/** Until the documents are in, on a first open: the KPIs as the server has them. */
	savedKpis = $state.raw<Kpis | null>(null);

	/** On a scenario: its levers, in the order they were applied. */
	levers = $state.raw<StoredLever[]>([]);
	/** On a scenario: how many cells it changes. */
	changedCells = $state(0);

	/** This person's edits not acknowledged by the server yet (kept locally across reloads). */
	waiting = $state(0);
	/** Waiting edits that met someone else's edit of the same cell on reconnect. */
	metNewer = $state.raw<MetNewer[]>([]);
	/** Waiting edits the server refused and this browser dropped. */
	refused = $state.raw<RefusedEdit[]>([]);

	private readonly docs: PlanDocuments;
	private destroyed = false;
	/** A few presence updates a second at most, well within what the server relays. */
	private readonly selection = latestThrottle<SelectionRef | null>(100, (selection) =>
		this.docs.presence.awareness.setLocalStateField('selection', selection)
	);

	/** A presenter scrolling publishes a few views a second at most, beside the selection. */
	private lastPresented = 'null';
	private readonly presented = latestThrottle<PresentedView | null>(250, (view) =>
		this.docs.presence.awareness.setLocalStateField('present', view)
	);

	constructor(
		planId: string,
		private readonly self: Participant['user'],
		shape: PlanShape,
		options: {
			scenarioId?: string;
			serverUrl?: string;
			/**
			 * The plan's first screen as the server had it (or on its way): shown until the documents
			 * are in, which from the server takes a large plan seconds.
			 */
			firstScreen?: FirstScreen | Promise<FirstScreen | null> | null;
		} = {}
	) {
		const serverUrl = options.serverUrl ?? defaultServerUrl();
		this.docs = new PlanDocuments(
			planId,
			shape,
			serverUrl,
			{
				onCells: () => this.version++,
				onSaveState: (state) => (this.saveState = state),
				onClosed: (reason) => (this.closedReason = reason),
				onNotice: (message) => (this.notice = message),
				onUndoState: (canUndo, canRedo) => {
					this.canUndo = canUndo;
					this.canRedo = canRedo;
				},
				onWaiting: (count) => (this.waiting = count),
				onMetNewer: (met) => (this.metNewer = mergeListing(this.metNewer, met)),
				onRefused: (refused) => (this.refused = mergeListing(this.refused, refused))
			},
			options.scenarioId ?? null,
			{ userId: self.id }
		);
		if (this.docs.scenario) this.watchScenario(this.docs.scenario.doc);
		const screen = options.firstScreen;
		// Shown at once when it came with the page, so the page's first render keeps the numbers the
		// server drew; else when it arrives. A screen that fails to arrive leaves the documents to it.
		if (screen instanceof Promise)
			screen.then(
				(s) => s && this.showFirstScreen(s),
				() => {}
			);
		else if (screen) this.showFirstScreen(screen);
		const presence = this.docs.presence;
		const awareness = presence.awareness;
		awareness.on('change', () => this.readParticipants());
		awareness.setLocalStateField('selection', null);
		// After a reconnect our state goes out again with the clock the others already have, and
		// they would ignore it until the next renewal; a fresh set bumps the clock.
		presence.on('status', ({ status }) => {
			if (status === 'connected') awareness.setLocalState(awareness.getLocalState());
			else this.readParticipants();
		});
		this.docs.meta.on('sync', (synced) => {
			if (synced) for (const topic of PLAN_TOPICS) this.revisions[topic]++;
		});
		this.docs.meta.doc.getMap(NOTICES_MAP).observe((event) => {
			for (const topic of PLAN_TOPICS) if (event.keysChanged.has(topic)) this.revisions[topic]++;
		});
	}

	/**
	 * Every document of the plan has loaded (from the local copy or the server): the documents tell
	 * of their cells for the first time only then.
	 */
	get loaded(): boolean {
		void this.version;
		return this.docs.loaded;
	}

	get figures() {
		void this.version;
		return this.docs.figures;
	}

	value(step: StepNumber, key: string): number | undefined {
		void this.version;
		return this.docs.value(step, key);
	}

	/** On a scenario, whether it changes this cell, and the plan's value there. */
	scenarioChange(key: string): { plan: number | null } | null {
		void this.version;
		return this.docs.scenarioChange(key);
	}

	/** Writes cells as one edit; `kind` says how it was made, for the cells' history. */
	write(writes: readonly CellWrite[], kind?: EditKind): void {
		this.docs.write(writes, kind);
	}

	undo(): void {
		if (!this.docs.undo()) this.notice = LOCKED_UNDO;
	}

	redo(): void {
		if (!this.docs.redo()) this.notice = LOCKED_UNDO;
	}

	/** Steps whose cells are locked now; the grid and undo stop writing into them. */
	setLocked(steps: ReadonlySet<StepNumber>): void {
		this.docs.setLocked(steps);
	}

	select(selection: SelectionRef | null): void {
		this.selection.push(selection);
	}

	/** Publishes what this board shows while its person presents a meeting (null: not presenting). */
	present(view: PresentedView | null): void {
		const json = JSON.stringify(view);
		if (json === this.lastPresented) return;
		this.lastPresented = json;
		this.presented.push(view);
	}

	/** Says whom this board follows in a meeting (null: nobody). */
	follow(presenterId: string | null): void {
		const awareness = this.docs.presence.awareness;
		if ((awareness.getLocalState()?.follows ?? null) !== presenterId)
			awareness.setLocalStateField('follows', presenterId);
	}

	get clientId(): number {
		return this.docs.presence.awareness.clientID;
	}

	private watchScenario(doc: Y.Doc): void {
		const levers = doc.getMap<StoredLever>(SCENARIO_LEVERS_MAP);
		const cells = doc.getMap(SCENARIO_CELLS_MAP);
		levers.observe(() => (this.levers = leversInOrder(levers.values())));
		cells.observe(() => (this.changedCells = cells.size));
	}

	/** The person has read the listings of their edits after reconnecting. */
	dismissOfflineListings(): void {
		this.metNewer = [];
		this.refused = [];
	}

	private showFirstScreen(screen: FirstScreen): void {
		if (this.destroyed || this.docs.loaded) return;
		this.savedKpis = screen.kpis;
		this.docs.figures.showSaved(screen.figures);
		this.version++;
	}

	destroy(): void {
		this.destroyed = true;
		this.selection.cancel();
		this.presented.cancel();
		this.docs.destroy();
	}

	private readParticipants() {
		const awareness = this.docs.presence.awareness;
		const connected = this.docs.presence.wsconnected;
		this.presenceStale = !connected;
		// A lost connection drops everyone else's state; they stay listed, greyed out, until it is back.
		const list: Participant[] = connected
			? []
			: this.participants.filter((p) => p.clientId !== awareness.clientID);
		for (const [clientId, state] of awareness.getStates()) {
			if (!connected && clientId !== awareness.clientID) continue;
			// The server stamps the verified user on what it relays; our own state never comes back.
			const user = clientId === awareness.clientID ? this.self : state?.user;
			if (user)
				list.push({
					clientId,
					user,
					selection: state?.selection ?? null,
					present: state?.present ?? null,
					follows: state?.follows ?? null
				});
		}
		this.participants = list;
	}
}

const LOCKED_UNDO =
	'Your last edit is in a locked step; a leader can reopen the step to change it.';

export function defaultServerUrl(): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}
