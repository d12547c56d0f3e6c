import type { PlanShape } from '../domain/plan-figures.ts';
import { compareScenarios, type ScenarioComparison } from '../domain/scenario/compare.ts';
import { CompareDocuments } from './compare-documents.ts';
import { defaultServerUrl } from './plan-connection.svelte.ts';
import { pacedRun } from './throttle.ts';

/**
 * One comparison of a whole plan with three scenarios takes half a second or more on 2,000 items:
 * while edits flow it is redone at most once a second (and never sooner than it took), on a frame.
 */
const RECOMPUTE_MS = 1000;

/** The compare view's live state: the comparison, recomputed as any of its documents changes. */
export class CompareConnection {
	/** Null until every document has synced once. */
	comparison = $state.raw<ScenarioComparison | null>(null);
	/** A change arrived that the comparison shown does not take in yet. */
	updating = $state(false);
	closedReason = $state<string | null>(null);

	private readonly docs: CompareDocuments;
	private readonly pace = pacedRun(RECOMPUTE_MS, () => this.recompute());

	constructor(
		planId: string,
		private readonly shape: PlanShape,
		private readonly scenarios: readonly { id: string; name: string }[],
		serverUrl = defaultServerUrl()
	) {
		this.docs = new CompareDocuments(
			planId,
			shape.periods,
			scenarios.map((s) => s.id),
			serverUrl,
			{
				onChange: () => this.changed(),
				onClosed: (reason) => (this.closedReason = reason)
			}
		);
	}

	/** A document changed: one comparison takes in every change that arrives until it runs. */
	private changed(): void {
		this.updating = true;
		// The first comparison comes as soon as the last document has synced.
		this.pace.request(this.comparison === null);
	}

	private recompute(): void {
		if (!this.docs.synced) return;
		this.updating = false;
		this.comparison = compareScenarios(
			this.shape,
			this.docs.base,
			this.scenarios.map(({ id, name }) => ({ id, name, changes: this.docs.changes(id) }))
		);
	}

	/** A cell's value in the live plan, as of the comparison shown. */
	planValue = (key: string): number | null => {
		void this.comparison;
		return this.docs.planValue(key);
	};

	destroy(): void {
		this.pace.cancel();
		this.docs.destroy();
	}
}
