import { checkCellValue } from './cell-input.ts';
import type { RowScope } from './grid-rows.ts';
import { INPUT_MEASURES, inputMeasure, parseCellKey, type Measure } from './measures.ts';
import { canEditStep, STEPS, type PlanAccess, type StepNumber } from './roles.ts';

/** Family figures of these measures are weighted averages, so a family value cannot be spread. */
const AVERAGED = new Set(['price', 'cost']);

/** A member's access as the grid applies it: their role, and the steps locked right now. */
export interface EditAccess extends PlanAccess {
	locked?: ReadonlySet<StepNumber>;
}

export type EditRule =
	{ editable: true; mode: 'cell' | 'spread' } | { editable: false; reason: string };

/**
 * Whether this member may type into a cell, and how the value lands: in the cell itself, or spread
 * over the family's items. The reason is shown to the person when they try anyway.
 */
export function editRule(
	scope: RowScope,
	m: Measure,
	period: number,
	access: EditAccess
): EditRule {
	if (m.kind === 'derived')
		return { editable: false, reason: `${m.label} is computed from other measures.` };
	if (m.readOnly)
		return { editable: false, reason: `${m.label} is an imported input and cannot be edited.` };
	if (m.firstPeriodOnly && period > 0) {
		return { editable: false, reason: `${m.label} is set in the first month only.` };
	}
	if (!canEditStep(access, m.step)) {
		return {
			editable: false,
			reason:
				access.role === 'viewer'
					? 'You are a viewer on this plan.'
					: `${m.label} belongs to step ${m.step} (${STEPS[m.step - 1].name}), which your function does not edit.`
		};
	}
	if (access.locked?.has(m.step)) {
		return {
			editable: false,
			reason: `${m.label} belongs to step ${m.step} (${STEPS[m.step - 1].name}), which is signed off and locked. A leader can reopen it.`
		};
	}
	if (scope.kind === 'total') {
		return {
			editable: false,
			reason: 'Plan totals add up the families; edit a family or an item.'
		};
	}
	if (scope.kind === 'family') {
		if (m.level === 'family') return { editable: true, mode: 'cell' };
		if (AVERAGED.has(m.id)) {
			return {
				editable: false,
				reason: `A family's ${m.label.toLowerCase()} is an average; edit its items.`
			};
		}
		return { editable: true, mode: 'spread' };
	}
	return { editable: true, mode: 'cell' };
}

/** Steps with cells a person types into. */
const TYPED_STEPS = [...new Set(INPUT_MEASURES.filter((m) => !m.readOnly).map((m) => m.step))];

/**
 * Why this member can type into no cell of the plan right now: their role gives them no step, or
 * every step they edit is locked. Null while some step of theirs is open.
 */
export function readOnlyReason(access: EditAccess): 'role' | 'locked' | null {
	const theirs = TYPED_STEPS.filter((step) => canEditStep(access, step));
	if (theirs.length === 0) return 'role';
	return theirs.every((step) => access.locked?.has(step)) ? 'locked' : null;
}

/** What the server knows of a plan's grid: the owners of its rows and its months. */
export interface PlanCells {
	items: ReadonlySet<string>;
	families: ReadonlySet<string>;
	/** In order; the first is where first-month-only measures live. */
	periods: readonly string[];
}

/**
 * The server's check of one cell write arriving in a step document, from any client: the key must
 * be one the grid writes (a typed measure of that step, on an item of the plan, or a family for
 * family measures, in one of its months) and the value one a person could have typed.
 */
export function checkCellWrite(
	plan: PlanCells,
	step: StepNumber,
	key: string,
	value: unknown
): string | null {
	const parsed = parseCellKey(key);
	const m = parsed && inputMeasure(parsed.measureId);
	if (!parsed || !m) return `"${key}" is not a cell of this plan`;
	if (m.step !== step) return `${m.label} belongs to step ${m.step}, not step ${step}`;
	const owners = m.level === 'family' ? plan.families : plan.items;
	if (!owners.has(parsed.ownerId)) {
		return `"${key}": ${m.label} is kept per ${m.level}, and this plan has no ${m.level} "${parsed.ownerId}"`;
	}
	const period = plan.periods.indexOf(parsed.period);
	if (period < 0) return `"${key}": "${parsed.period}" is not a month of this plan`;
	if (m.firstPeriodOnly && period > 0) return `${m.label} is set in the first month only`;
	const checked = checkCellValue(value, m);
	return checked.ok ? null : checked.error;
}

/**
 * The server's check of one cell write arriving in a scenario document: a cell the grid could
 * write (as in a step document) of a measure whose step the writer may change in the scenario.
 */
export function checkScenarioCellWrite(
	plan: PlanCells,
	steps: ReadonlySet<StepNumber>,
	key: string,
	value: unknown
): string | null {
	const m = inputMeasure(parseCellKey(key)?.measureId ?? '');
	if (!m) return `"${key}" is not a cell of this plan`;
	if (!steps.has(m.step)) return `${m.label} is not yours to change in this scenario`;
	return checkCellWrite(plan, m.step, key, value);
}
