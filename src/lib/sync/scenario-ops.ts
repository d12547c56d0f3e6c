import type { StepNumber } from '../domain/roles.ts';
import type { Lever } from '../domain/scenario/levers.ts';
import type { MergeConflict, Resolution } from '../domain/scenario/merge.ts';

/**
 * What part of a scenario a merge takes, as data a route can send: cells, rows (`rowKey`),
 * families (their own cells and their items'), or all of it.
 */
export type MergeRequestSelection =
	| { kind: 'cells'; keys: string[] }
	| { kind: 'rows'; rows: string[] }
	| { kind: 'families'; familyIds: string[] }
	| { kind: 'all' };

/** A change the server makes to a scenario document (or, for a merge, from it into the plan). */
export type ScenarioOp =
	/**
	 * A scenario made from an approved version starts with the version's values wherever they
	 * differ from the live plan: `rows` are the version's typed rows (`rowKey` → value per month).
	 */
	| { kind: 'seed'; periods: string[]; rows: [string, (number | null)[]][] }
	| { kind: 'lever'; lever: Lever }
	/**
	 * Writes cells a person typed elsewhere into the scenario, e.g. offline edits refused because
	 * their step locked meanwhile (null clears a cell), each checked as if typed in the scenario.
	 */
	| { kind: 'cells'; cells: [string, number | null][] }
	| { kind: 'remove-lever'; leverId: string }
	/**
	 * Writes the selected cells into the live plan, three-way per cell. Unresolved conflicts stop
	 * the write (nothing changes) and come back to be settled; `promote` settles every conflict for
	 * the scenario and takes all of it.
	 */
	| {
			kind: 'merge';
			selection: MergeRequestSelection;
			resolutions: [string, Resolution][];
			promote: boolean;
			/** Tried out only: what would happen, nothing written. */
			dryRun: boolean;
	  };

/** Who asks, with the rights the route checked: the collaboration server trusts these. */
export interface ScenarioActor {
	userId: string;
	name: string;
	/** Steps whose measures the person may change in the scenario. */
	scenarioSteps: readonly StepNumber[];
	/** Steps whose cells the person may change in the live plan (what a merge may write). */
	planSteps: readonly StepNumber[];
	/** May remove anyone's lever. */
	manage: boolean;
	/** The scenario's name, for the plan's activity log. */
	scenarioName: string;
}

export interface MergeReport {
	/** Cells written into the plan (or, on a dry run, that would be). */
	applied: number;
	/** Per step: cells written. */
	appliedBySteps: { step: StepNumber; cells: number }[];
	unchanged: number;
	keptBase: number;
	/** Conflicts in the person's steps to settle (the first few hundred of `conflictCount`). */
	conflicts: MergeConflict[];
	conflictCount: number;
	/** Cells of steps the person may not change in the plan: left for someone who may. */
	notYours: { step: StepNumber; cells: number }[];
	written: boolean;
}

export type ScenarioOpResult =
	| { kind: 'seed'; cells: number }
	| { kind: 'lever'; cells: number }
	| { kind: 'cells'; cells: number }
	| { kind: 'remove-lever'; restored: number; kept: number }
	| ({ kind: 'merge' } & MergeReport);
