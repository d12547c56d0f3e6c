import type { StepWrite } from '../../sync/server-write.ts';
import type { ItemRef } from '../grid-rows.ts';
import { inputMeasure } from '../measures.ts';
import type { StepNumber } from '../roles.ts';
import { sameValue, splitCellKey, type Changes } from './overlay.ts';

type Value = number | null;

/**
 * One cell's three-way merge: the base value when the scenario first changed it (`fork`), the
 * base value now and the scenario's. Unchanged: the plan already holds the scenario's value.
 * Apply: nobody moved the base since, so the scenario's value goes in. Conflict: both moved.
 */
export type MergeOutcome =
	| { kind: 'unchanged' }
	| { kind: 'apply'; value: Value }
	| { kind: 'conflict'; fork: Value; base: Value; scenario: Value };

export function mergeCell(fork: Value, baseNow: Value, scenario: Value): MergeOutcome {
	if (sameValue(scenario, baseNow)) return { kind: 'unchanged' };
	if (sameValue(fork, baseNow)) return { kind: 'apply', value: scenario };
	return { kind: 'conflict', fork, base: baseNow, scenario };
}

/** What of a scenario to merge back: some cells, some rows (`rowKey`), some families, or all. */
export type MergeSelection =
	| { kind: 'cells'; keys: readonly string[] }
	| { kind: 'rows'; rows: readonly string[] }
	/** A family's own cells (capacity) and all its items'; `items` are the plan's. */
	| { kind: 'families'; familyIds: readonly string[]; items: readonly ItemRef[] }
	| { kind: 'all' };

export type MergeConflict = { key: string } & Omit<
	Extract<MergeOutcome, { kind: 'conflict' }>,
	'kind'
>;

/** How a person settled a conflict: the scenario's value goes in, or the plan's stays. */
export type Resolution = 'scenario' | 'base';

export interface MergePlan {
	/** The cells to write, per step document, as one server write. */
	writes: [StepNumber, StepWrite][];
	/** Cells written (including conflicts resolved for the scenario). */
	applied: string[];
	/** Cells where the plan already holds the scenario's value. */
	unchanged: string[];
	/** Conflicts resolved for the plan's value: not written. */
	keptBase: string[];
	/** Conflicts without a resolution: not written until someone settles them. */
	conflicts: MergeConflict[];
}

/** The changed cells a selection covers. */
function selectedKeys(selection: MergeSelection, changes: Changes): Iterable<string> {
	if (selection.kind === 'all') return changes.keys();
	if (selection.kind === 'cells')
		return [...new Set(selection.keys)].filter((key) => changes.has(key));
	const keys: string[] = [];
	if (selection.kind === 'rows') {
		const rows = new Set(selection.rows);
		for (const key of changes.keys()) {
			const split = splitCellKey(key);
			if (split && rows.has(split.row)) keys.push(key);
		}
		return keys;
	}
	const families = new Set(selection.familyIds);
	const owners = new Set(selection.familyIds);
	for (const item of selection.items) if (families.has(item.family_id)) owners.add(item.id);
	for (const key of changes.keys()) if (owners.has(key.slice(0, key.indexOf(':')))) keys.push(key);
	return keys;
}

/**
 * The server write that merges the selected part of a scenario back into the live plan, cell by
 * cell (see `mergeCell`), and what becomes of each cell. `baseNow` reads the live plan's value.
 */
export function planMerge(
	selection: MergeSelection,
	changes: Changes,
	forkValues: Pick<Changes, 'get' | 'has'>,
	baseNow: (key: string) => Value,
	resolutions: ReadonlyMap<string, Resolution> = new Map()
): MergePlan {
	const byStep = new Map<StepNumber, [string, Value][]>();
	const plan: MergePlan = { writes: [], applied: [], unchanged: [], keptBase: [], conflicts: [] };
	const put = (key: string, value: Value) => {
		const m = inputMeasure(key.slice(key.lastIndexOf(':') + 1));
		if (!m) throw new Error(`"${key}" is not a cell of a typed measure`);
		let cells = byStep.get(m.step);
		if (!cells) byStep.set(m.step, (cells = []));
		cells.push([key, value]);
		plan.applied.push(key);
	};
	for (const key of selectedKeys(selection, changes)) {
		if (!forkValues.has(key)) throw new Error(`The scenario has no fork value for "${key}"`);
		const outcome = mergeCell(forkValues.get(key) ?? null, baseNow(key), changes.get(key) ?? null);
		if (outcome.kind === 'unchanged') plan.unchanged.push(key);
		else if (outcome.kind === 'apply') put(key, outcome.value);
		else if (resolutions.get(key) === 'scenario') put(key, outcome.scenario);
		else if (resolutions.get(key) === 'base') plan.keptBase.push(key);
		else
			plan.conflicts.push({
				key,
				fork: outcome.fork,
				base: outcome.base,
				scenario: outcome.scenario
			});
	}
	plan.writes = [...byStep]
		.sort(([a], [b]) => a - b)
		.map(([step, cells]): [StepNumber, StepWrite] => [step, { cells }]);
	return plan;
}
