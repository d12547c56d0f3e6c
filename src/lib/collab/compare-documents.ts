import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { scenarioDocument, stepDocument } from '../domain/documents.ts';
import { BASE_MAP, CELLS_MAP, inputMeasure, parseCellKey } from '../domain/measures.ts';
import type { RowReader } from '../domain/plan-figures.ts';
import type { StepNumber } from '../domain/roles.ts';
import { SCENARIO_CELLS_MAP } from '../domain/scenario/document.ts';
import type { Changes } from '../domain/scenario/overlay.ts';
import { readerOf, StepValues } from '../sync/step-values.ts';

export interface CompareDocumentEvents {
	/** Some document's values changed (the plan's or a scenario's). */
	onChange(): void;
	/** The server refused a document for good (e.g. access was withdrawn). */
	onClosed(reason: string): void;
}

/**
 * The live plan's step documents and a few scenarios' documents, opened to read: the compare view
 * never writes, and shares no presence (it is nobody's cursor).
 */
export class CompareDocuments {
	/** The live plan's rows, as the figures read them. */
	readonly base: RowReader;
	private readonly values = new Map<StepNumber, StepValues>();
	private readonly scenarioCells = new Map<string, Y.Map<number | null>>();
	private readonly providers: WebsocketProvider[] = [];

	constructor(
		planId: string,
		periods: readonly string[],
		scenarioIds: readonly string[],
		serverUrl: string,
		private readonly events: CompareDocumentEvents
	) {
		const periodIndex = new Map(periods.map((p, t) => [p, t]));
		for (const step of [1, 2, 3] as const) {
			const doc = this.open(serverUrl, stepDocument(planId, step));
			const values = new StepValues(doc, periodIndex);
			this.values.set(step, values);
			// A base row rewritten by an import moves its values as much as an edited cell does.
			doc.getMap(CELLS_MAP).observe((event) => {
				values.cellsChanged(event.keysChanged);
				events.onChange();
			});
			doc.getMap(BASE_MAP).observe(() => events.onChange());
		}
		for (const id of scenarioIds) {
			const doc = this.open(serverUrl, scenarioDocument(planId, id));
			const cells = doc.getMap<number | null>(SCENARIO_CELLS_MAP);
			cells.observe(() => events.onChange());
			this.scenarioCells.set(id, cells);
		}
		this.base = readerOf(this.values);
	}

	private open(serverUrl: string, name: string): Y.Doc {
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(serverUrl, name, doc, { disableBc: true });
		provider.awareness.setLocalState(null);
		provider.on('sync', () => this.events.onChange());
		provider.on('closed', (event) => this.events.onClosed(event.reason || 'access refused'));
		this.providers.push(provider);
		return doc;
	}

	/** Whether every document has its server's content: before that, figures would be partial. */
	get synced(): boolean {
		return this.providers.every((p) => p.synced);
	}

	/** A scenario's changed cells, as its document holds them now. */
	changes(scenarioId: string): Changes {
		const cells = this.scenarioCells.get(scenarioId);
		if (!cells) throw new Error(`Scenario ${scenarioId} is not open`);
		return cells;
	}

	/** One cell's value in the live plan; null where empty. */
	planValue(key: string): number | null {
		const m = inputMeasure(parseCellKey(key)?.measureId ?? '');
		return (m && this.values.get(m.step)?.value(key)) ?? null;
	}

	destroy(): void {
		for (const p of this.providers) {
			p.destroy();
			p.doc.destroy();
		}
	}
}
