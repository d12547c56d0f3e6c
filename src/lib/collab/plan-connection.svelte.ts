import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { metaDocument, stepDocument } from '../domain/documents.ts';
import { CELLS_MAP } from '../domain/measures.ts';
import type { StepNumber } from '../domain/roles.ts';
import { SaveTracker, type SaveState } from './save-tracker.ts';

export interface CellRef {
	itemId: string;
	period: string;
	measureId: string;
}

export interface Participant {
	clientId: number;
	user: { id: string; name: string; color: string };
	cell: CellRef | null;
}

const STEPS_WITH_CELLS: StepNumber[] = [1, 2, 3];
const SEVERITY: SaveState[] = ['saved', 'saving', 'connecting', 'offline'];

/**
 * The browser's live view of one plan: a Yjs document per step (the cells), the meta document
 * for presence, and Svelte state that components read. Nothing here decides permissions; the
 * server enforces them and the UI only mirrors them.
 */
export class PlanConnection {
	/** Bumped on every cell change so that readers of `value()` re-render. */
	version = $state(0);
	participants = $state<Participant[]>([]);
	saveState = $state<SaveState>('connecting');
	/** Set once every step document has its first sync from the server. */
	loaded = $state(false);
	/** A terminal refusal by the server (lost access), shown instead of silently retrying. */
	closedReason = $state<string | null>(null);

	private docs: Partial<Record<StepNumber, Y.Doc>> = {};
	private providers: WebsocketProvider[] = [];
	private trackers: SaveTracker[] = [];
	private meta: WebsocketProvider;

	constructor(
		planId: string,
		private readonly self: Participant['user'],
		serverUrl = defaultServerUrl()
	) {
		const trackerStates: SaveState[] = [];
		for (const step of STEPS_WITH_CELLS) {
			const doc = new Y.Doc();
			this.docs[step] = doc;
			const tracker = new SaveTracker();
			const provider = new WebsocketProvider(serverUrl, stepDocument(planId, step), doc, {
				WebSocketPolyfill: tracker.WebSocketClass,
				disableBc: true
			});
			// Presence lives on the meta document; the step documents carry cells only.
			provider.awareness.setLocalState(null);
			tracker.attach(provider);
			const index = this.trackers.push(tracker) - 1;
			tracker.subscribe((state) => {
				trackerStates[index] = state;
				this.saveState = SEVERITY[Math.max(...trackerStates.map((s) => SEVERITY.indexOf(s)))];
			});
			provider.on('sync', () => {
				this.loaded = this.providers.every((p) => p.synced);
			});
			provider.on('closed', (event) => (this.closedReason = event.reason || 'Access refused'));
			doc.getMap(CELLS_MAP).observe(() => this.version++);
			this.providers.push(provider);
		}
		this.meta = new WebsocketProvider(serverUrl, metaDocument(planId), new Y.Doc(), {
			disableBc: true
		});
		this.meta.awareness.on('change', () => this.readParticipants());
		this.meta.awareness.setLocalStateField('cell', null);
	}

	value(step: StepNumber, key: string): number | undefined {
		void this.version;
		return this.docs[step]?.getMap<number>(CELLS_MAP).get(key);
	}

	/** Writes (or with null clears) one cell in one transaction. */
	write(step: StepNumber, key: string, value: number | null): void {
		const doc = this.docs[step];
		if (!doc) throw new Error(`Step ${step} has no cells`);
		const cells = doc.getMap<number>(CELLS_MAP);
		doc.transact(() => {
			if (value === null) cells.delete(key);
			else cells.set(key, value);
		});
	}

	select(cell: CellRef | null): void {
		this.meta.awareness.setLocalStateField('cell', cell);
	}

	get clientId(): number {
		return this.meta.awareness.clientID;
	}

	destroy(): void {
		for (const p of [...this.providers, this.meta]) {
			p.destroy();
			p.doc.destroy();
		}
	}

	private readParticipants() {
		const list: Participant[] = [];
		for (const [clientId, state] of this.meta.awareness.getStates()) {
			// The server stamps the verified user on what it relays; our own state never comes back.
			const user = clientId === this.meta.awareness.clientID ? this.self : state?.user;
			if (user) list.push({ clientId, user, cell: state?.cell ?? null });
		}
		this.participants = list;
	}
}

function defaultServerUrl(): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}
