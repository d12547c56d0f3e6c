import { canEditStep, type PlanAccess, type StepNumber } from '../roles.ts';

export const SCENARIO_VISIBILITIES = ['plan', 'private'] as const;
export type ScenarioVisibility = (typeof SCENARIO_VISIBILITIES)[number];

/** A scenario as the database describes it (its values live in its document). */
export interface Scenario {
	id: string;
	planId: string;
	name: string;
	description: string;
	visibility: ScenarioVisibility;
	/** The approved version it started from; null: the live plan. */
	baseVersion: number | null;
	createdBy: string | null;
	createdByName: string | null;
	createdAt: string;
	status: 'open' | 'promoted';
	/** People named as its editors. */
	editors: { id: string; name: string }[];
}

/** The steps whose measures a scenario holds: the ones with typed cells. */
export const SCENARIO_STEPS: readonly StepNumber[] = [1, 2, 3];

/** What decides a person's rights on a scenario. */
export interface ScenarioAccessInput {
	/** The person's access to the scenario's plan; null without any. */
	plan: PlanAccess | null;
	userId: string;
	createdBy: string | null;
	visibility: ScenarioVisibility;
	/** The person is named among the scenario's editors. */
	namedEditor: boolean;
}

export interface ScenarioRights {
	view: boolean;
	/** Steps whose measures the person may change in the scenario (none: read-only). */
	steps: StepNumber[];
	/** May rename it, name its editors, remove anyone's lever. */
	manage: boolean;
}

const NONE: ScenarioRights = { view: false, steps: [], manage: false };

/**
 * Who may see and edit a scenario. Nobody outside the plan sees it. Its creator, the plan's
 * leaders and the people named as its editors change every measure; other members of the plan see
 * a 'plan' scenario and change the measures their role changes in the plan (a viewer: none).
 */
export function scenarioRights(input: ScenarioAccessInput): ScenarioRights {
	const { plan } = input;
	if (!plan) return NONE;
	const owner = plan.role === 'leader' || input.createdBy === input.userId;
	if (owner || input.namedEditor) {
		return { view: true, steps: [...SCENARIO_STEPS], manage: owner };
	}
	if (input.visibility === 'private') return NONE;
	return {
		view: true,
		steps: SCENARIO_STEPS.filter((step) => canEditStep(plan, step)),
		manage: false
	};
}

/** Who may start a scenario of a plan: its leaders and editors (viewers only look). */
export function mayCreateScenario(plan: PlanAccess | null): boolean {
	return plan !== null && plan.role !== 'viewer';
}

/** The access the grid mirrors for a scenario: every measure, the plan's own roles, or none. */
export function scenarioGridAccess(plan: PlanAccess, rights: ScenarioRights): PlanAccess {
	if (rights.steps.length === SCENARIO_STEPS.length) return { role: 'leader', fn: plan.fn };
	if (rights.steps.length === 0) return { role: 'viewer', fn: null };
	return plan;
}
