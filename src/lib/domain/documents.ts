import { isStepNumber, type StepNumber } from './roles.ts';

/**
 * Names of the shared Yjs documents. One document per permission boundary: each step of a plan
 * holds the cells that step owns; the meta document is written by the server only and carries
 * presence for the whole plan; a scenario document holds the cells a what-if changes (and its
 * levers), with presence for the people in it.
 */
export type DocumentRef =
	| { kind: 'step'; planId: string; step: StepNumber }
	| { kind: 'meta'; planId: string }
	| { kind: 'scenario'; planId: string; scenarioId: string }
	/** A scenario's ledger: the server's alone, never served (`parseDocument` does not name it). */
	| { kind: 'ledger'; planId: string; scenarioId: string };

const ID = /^[a-z0-9]{1,40}$/;

/** The steps whose documents hold cells; executive review signs off what they hold. */
export const STEPS_WITH_CELLS: readonly StepNumber[] = [1, 2, 3];

export function stepDocument(planId: string, step: StepNumber): string {
	return `plan/${planId}/step/${step}`;
}

export function metaDocument(planId: string): string {
	return `plan/${planId}/meta`;
}

export function scenarioDocument(planId: string, scenarioId: string): string {
	return `plan/${planId}/scenario/${scenarioId}`;
}

export function scenarioLedgerDocument(planId: string, scenarioId: string): string {
	return `plan/${planId}/scenario/${scenarioId}/ledger`;
}

/** The name of a document a client may ask for; null for anything else (ledgers included). */
export function parseDocument(name: string): DocumentRef | null {
	const parts = name.split('/');
	if (parts[0] !== 'plan' || !ID.test(parts[1] ?? '')) return null;
	const planId = parts[1];
	if (parts.length === 3 && parts[2] === 'meta') return { kind: 'meta', planId };
	if (parts.length === 4 && parts[2] === 'scenario' && ID.test(parts[3])) {
		return { kind: 'scenario', planId, scenarioId: parts[3] };
	}
	if (parts.length === 4 && parts[2] === 'step' && /^[1-4]$/.test(parts[3])) {
		const step = Number(parts[3]);
		if (isStepNumber(step)) return { kind: 'step', planId, step };
	}
	return null;
}
