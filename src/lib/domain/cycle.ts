/**
 * The decision mechanics of an S&OP cycle: who must sign off each step, when a step locks, who may
 * reopen it, and when the plan counts as approved. Pure rules: the server enforces them inside a
 * transaction, the browser mirrors them to show what a person can do.
 */
import { possessive } from './format.ts';
import { FUNCTIONS, STEP_NUMBERS, STEPS, type PlanAccess, type StepNumber } from './roles.ts';

/** Who can give a sign-off: a business function, or for executive review a leader. */
export const SIGNERS = [...FUNCTIONS, 'leader'] as const;
export type Signer = (typeof SIGNERS)[number];

export const SIGNER_LABELS: Record<Signer, string> = {
	sales: 'Sales',
	operations: 'Operations',
	finance: 'Finance',
	leader: 'Leaders'
};

export const DEFAULT_REQUIRED: Record<StepNumber, readonly Signer[]> = {
	1: ['sales', 'operations', 'finance'],
	2: ['operations', 'sales'],
	3: ['finance', 'operations'],
	4: ['leader']
};

/** The step whose sign-off approves the whole plan. */
export const APPROVAL_STEP: StepNumber = 4;

/** A reopening needs a reason people can read later: at least a few words' worth. */
const MIN_REASON = 5;
export const MAX_REASON = 500;
export const MAX_REMARK = 500;

export interface SignOff {
	signer: Signer;
	userId: string;
	userName: string;
	remark: string;
	signedAt: string;
}

export interface StepState {
	step: StepNumber;
	required: Signer[];
	signOffs: SignOff[];
	/** When the step locked, and by whose sign-off; null while open. */
	lockedAt: string | null;
	lockedBy: string | null;
}

export type StepStatus = 'open' | 'awaiting' | 'locked';

export type CycleEventKind =
	| 'signed'
	| 'unsigned'
	| 'withdrawn'
	| 'locked'
	| 'reopened'
	| 'approved'
	| 'required'
	| 'copied'
	| 'imported'
	| 'forecast'
	| 'merged';

/** One line of a plan's audit log. */
export interface CycleEvent {
	id: number;
	kind: CycleEventKind;
	step: StepNumber | null;
	userName: string | null;
	detail: string;
	at: string;
}

export interface VersionSummary {
	number: number;
	approvedBy: string | null;
	approvedAt: string;
	/** The scenario the executive review chose when approving, by its name then; null: none. */
	scenarioName: string | null;
}

/** What a plan's browsers show of its cycle. */
export interface CycleView {
	steps: StepState[];
	events: CycleEvent[];
	versions: VersionSummary[];
}

export function isSigner(value: string): value is Signer {
	return (SIGNERS as readonly string[]).includes(value);
}

/** Parses a stored list of signers; anything unknown or a missing list means the defaults. */
export function parseRequired(step: StepNumber, stored: string | null): Signer[] {
	const list = (stored ?? '').split(',').filter(isSigner);
	return list.length > 0 ? list : [...DEFAULT_REQUIRED[step]];
}

export function stepStatus(state: StepState): StepStatus {
	if (state.lockedAt) return 'locked';
	return state.signOffs.length > 0 ? 'awaiting' : 'open';
}

/** Required sign-offs not yet given, in the order they are listed. */
export function missingSigners(state: StepState): Signer[] {
	const given = new Set(state.signOffs.map((s) => s.signer));
	return state.required.filter((s) => !given.has(s));
}

/** Whom a member may sign for: their function (if they edit), and as a leader the leaders' seat. */
export function signersFor(access: PlanAccess): Signer[] {
	if (access.role === 'viewer') return [];
	const out: Signer[] = access.fn ? [access.fn] : [];
	if (access.role === 'leader') out.push('leader');
	return out;
}

/** The plan is approved when executive review has locked. */
export function isApproved(steps: readonly StepState[]): boolean {
	return steps.some((s) => s.step === APPROVAL_STEP && s.lockedAt !== null);
}

const stepName = (step: StepNumber) => `step ${step} (${STEPS[step - 1].name})`;

/** Why this sign-off cannot be given, or null when it can. */
export function checkSignOff(
	steps: readonly StepState[],
	step: StepNumber,
	signer: Signer,
	access: PlanAccess
): string | null {
	const state = steps[step - 1];
	if (access.role === 'viewer') return 'Viewers cannot sign off; ask a plan leader for a role.';
	if (!signersFor(access).includes(signer)) {
		return signer === 'leader'
			? 'Only plan leaders can sign off for the leaders.'
			: `You cannot sign off for ${SIGNER_LABELS[signer]}: that is not your function.`;
	}
	if (state.lockedAt) return `${capitalise(stepName(step))} is already locked.`;
	if (!state.required.includes(signer)) {
		return `${capitalise(stepName(step))} does not need a sign-off from ${SIGNER_LABELS[signer]}.`;
	}
	const given = state.signOffs.find((s) => s.signer === signer);
	if (given)
		return `${SIGNER_LABELS[signer]} already signed off ${stepName(step)} (${given.userName}).`;
	if (step === APPROVAL_STEP) {
		const open = steps.filter((s) => s.step !== APPROVAL_STEP && !s.lockedAt).map((s) => s.step);
		if (open.length > 0) {
			return `Approval needs steps 1–3 locked first; still open: ${open.map((n) => `step ${n}`).join(', ')}.`;
		}
	}
	return null;
}

/** Whether the step locks once `signer` has signed: every other required sign-off is in. */
export function completesStep(state: StepState, signer: Signer): boolean {
	return missingSigners(state).every((s) => s === signer);
}

/** Why a member may not withdraw their own function's sign-off, or null. */
export function checkUnsign(
	steps: readonly StepState[],
	step: StepNumber,
	signer: Signer,
	access: PlanAccess
): string | null {
	const state = steps[step - 1];
	if (!signersFor(access).includes(signer)) {
		return `You cannot withdraw ${possessive(SIGNER_LABELS[signer])} sign-off.`;
	}
	if (state.lockedAt) return `${capitalise(stepName(step))} is locked; a leader can reopen it.`;
	if (!state.signOffs.some((s) => s.signer === signer)) {
		return `${SIGNER_LABELS[signer]} has not signed off ${stepName(step)}.`;
	}
	return null;
}

/** Why a step cannot be reopened with this reason, or null. */
export function checkReopen(
	steps: readonly StepState[],
	step: StepNumber,
	access: PlanAccess,
	reason: string
): string | null {
	if (access.role !== 'leader') return 'Only plan leaders can reopen a step.';
	if (!steps[step - 1].lockedAt) return `${capitalise(stepName(step))} is not locked.`;
	const trimmed = reason.trim();
	if (trimmed.length < MIN_REASON) return 'Say why the step reopens: people will read it later.';
	if (trimmed.length > MAX_REASON) return `Keep the reason under ${MAX_REASON} characters.`;
	return null;
}

/**
 * The steps a reopening unlocks: the step itself and, since the approved numbers no longer stand,
 * executive review if the plan was approved.
 */
export function stepsToReopen(steps: readonly StepState[], step: StepNumber): StepNumber[] {
	const out: StepNumber[] = [step];
	if (step !== APPROVAL_STEP && steps[APPROVAL_STEP - 1].lockedAt) out.push(APPROVAL_STEP);
	return out;
}

/** Why the required sign-offs of a step cannot become `signers`, or null. */
export function checkRequired(
	steps: readonly StepState[],
	step: StepNumber,
	signers: readonly Signer[],
	access: PlanAccess
): string | null {
	if (access.role !== 'leader') return 'Only plan leaders can change who signs off.';
	if (steps[step - 1].lockedAt) return `${capitalise(stepName(step))} is locked; reopen it first.`;
	if (signers.length === 0) return 'A step needs at least one sign-off.';
	if (step === APPROVAL_STEP && !signers.includes('leader')) {
		return 'Executive review is the leaders’ approval: keep the leaders’ sign-off.';
	}
	return null;
}

/** Steps as they stand with nothing stored: open, default sign-offs. */
export function freshSteps(): StepState[] {
	return STEP_NUMBERS.map((step) => ({
		step,
		required: [...DEFAULT_REQUIRED[step]],
		signOffs: [],
		lockedAt: null,
		lockedBy: null
	}));
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The steps locked now, for the grid and undo. */
export function lockedSteps(steps: readonly StepState[]): ReadonlySet<StepNumber> {
	return new Set(steps.filter((s) => s.lockedAt).map((s) => s.step));
}

/** Why nothing may write a locked step's values now (a server-side write, a baseline refresh). */
export function lockedStepMessage(step: StepNumber): string {
	return `Step ${step} (${STEPS[step - 1].name}) is signed off and locked; a leader can reopen it.`;
}

/** One audit-log line after the person's name, e.g. "signed off step 1 for Sales: agreed". */
export function describeEvent(event: Pick<CycleEvent, 'kind' | 'step' | 'detail'>): string {
	const step = event.step ? `step ${event.step}` : 'the plan';
	const detail = event.detail ? `: ${event.detail}` : '';
	switch (event.kind) {
		case 'signed':
			return `signed off ${step} ${event.detail}`;
		case 'unsigned':
			return `took back the sign-off of ${step} ${event.detail}`;
		case 'withdrawn':
			return `edited ${step}, which withdrew its sign-offs (${event.detail})`;
		case 'locked':
			return `gave the last sign-off: ${step} locked`;
		case 'reopened':
			return `reopened ${step}${detail}`;
		case 'approved':
			return `approved the plan${detail}`;
		case 'required':
			return `set who signs off ${step}${detail}`;
		case 'copied':
			return event.detail;
		case 'imported':
			return `imported ${event.detail}`;
		case 'forecast':
			return `refreshed the statistical baseline (${event.detail})`;
		case 'merged':
			return `merged ${event.detail}`;
	}
}
