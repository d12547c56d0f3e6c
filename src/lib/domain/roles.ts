/** Who may do what on a plan. Pure rules, enforced by the server and mirrored by the UI. */

export const FUNCTIONS = ['sales', 'operations', 'finance'] as const;
export type BusinessFunction = (typeof FUNCTIONS)[number];

export const PLAN_ROLES = ['viewer', 'editor', 'leader'] as const;
export type PlanRole = (typeof PLAN_ROLES)[number];

export const STEP_NUMBERS = [1, 2, 3, 4] as const;
export type StepNumber = (typeof STEP_NUMBERS)[number];

export interface StepInfo {
	readonly n: StepNumber;
	readonly name: string;
	/** Functions whose editors may change this step's measures. Step 4 belongs to leaders alone. */
	readonly editors: readonly BusinessFunction[];
}

export const STEPS: readonly StepInfo[] = [
	{ n: 1, name: 'Demand review', editors: ['sales'] },
	{ n: 2, name: 'Supply review', editors: ['operations'] },
	{ n: 3, name: 'Reconciliation', editors: ['finance', 'operations'] },
	{ n: 4, name: 'Executive review', editors: [] }
];

export function isStepNumber(n: number): n is StepNumber {
	return (STEP_NUMBERS as readonly number[]).includes(n);
}

export interface PlanAccess {
	role: PlanRole;
	/** The member's function in the plan's workspace; leaders and viewers may have none. */
	fn: BusinessFunction | null;
}

/** May this member change the cells of `step`? Leaders may edit every step; viewers none. */
export function canEditStep(access: PlanAccess, step: StepNumber): boolean {
	if (access.role === 'leader') return true;
	if (access.role === 'viewer' || access.fn === null) return false;
	return STEPS[step - 1].editors.includes(access.fn);
}

/** What decides whether a workspace member may create plans there. */
export interface PlanCreator {
	isAdmin: boolean;
	fn: BusinessFunction | null;
	/** Leads at least one plan of the workspace. */
	leadsAPlan: boolean;
}

/** Admins, members with a function and plan leaders create plans; viewers (none of these) do not. */
export function mayCreatePlans(member: PlanCreator): boolean {
	return member.isAdmin || member.fn !== null || member.leadsAPlan;
}

export const CREATE_PLANS_REFUSAL =
	'Only workspace admins, members with a function (sales, operations or finance) and plan leaders can create plans';

/** The role an invite offers on a plan unless the inviter picks another: never leader. */
export function defaultPlanRole(fn: BusinessFunction | null): Exclude<PlanRole, 'leader'> {
	return fn === null ? 'viewer' : 'editor';
}
