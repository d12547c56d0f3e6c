/**
 * How HTTP actions tell the collaboration server about changes they made. The SvelteKit bundle and
 * the collaboration server are separate module graphs in one process, so they meet on globalThis.
 */
import type { FirstScreen } from '../domain/first-screen.ts';
import type { PlanShape } from '../domain/plan-figures.ts';
import type { PlanTopic } from '../sync/protocol.ts';
import type { PlanWrite, StepWrite, WriteActor } from '../sync/server-write.ts';
import type { ScenarioActor, ScenarioOp, ScenarioOpResult } from '../sync/scenario-ops.ts';

export interface CollabHooks {
	/** Re-checks the connections to one plan's documents (or all) after membership or roles changed. */
	refreshAccess(planId?: string): Promise<void>;
	/** Tells the plan's open browsers that server-written state of `topic` changed. */
	notify(planId: string, topic: PlanTopic): void;
	/**
	 * Runs a change of the plan's cycle (sign-offs, locks) while edits to its step documents wait:
	 * pending edits are saved first, and edits arriving meanwhile are judged by the new state.
	 */
	cycleChange<T>(planId: string, change: () => Promise<T>): Promise<T>;
	/**
	 * The one door for server-side changes of plan values: loads the step document if needed,
	 * applies the write as one transaction, relays it to every open browser and resolves once it
	 * is in the update log with its actor. Refused (a Refusal, 423) while the step is locked; waits
	 * for a cycle change in progress.
	 */
	write(documentName: string, actor: WriteActor, write: StepWrite): Promise<void>;
	/**
	 * The door for a change of several steps and the plan's hierarchy at once (an import): refused
	 * whole if any step it writes is locked; the hierarchy changes first, so its cells can name new
	 * items, and the plan's browsers are told to load it.
	 */
	writePlan(planId: string, actor: WriteActor, write: PlanWrite): Promise<void>;
	/**
	 * The plan's first screen from its step documents in this process: with `load`, loaded if need
	 * be (the browser asking opens them next), else only if they are in memory. Null when they are
	 * not, or when another process serves the plan.
	 */
	firstScreen(planId: string, shape: PlanShape, load: boolean): Promise<FirstScreen | null>;
	/** A server-side change of a scenario, or a merge of it into its plan (see ScenarioOp). */
	scenarioOp(
		planId: string,
		scenarioId: string,
		actor: ScenarioActor,
		op: ScenarioOp
	): Promise<ScenarioOpResult>;
}

const KEY = Symbol.for('concord.collab');
type Holder = { [KEY]?: CollabHooks };

export function collabHooks(): CollabHooks | undefined {
	return (globalThis as Holder)[KEY];
}

export function registerCollab(collab: CollabHooks | undefined): void {
	(globalThis as Holder)[KEY] = collab;
}

/** Who may open what changed: on one plan, or (no plan: a session ended) anywhere. */
export async function accessChanged(planId?: string): Promise<void> {
	await collabHooks()?.refreshAccess(planId);
}

export function planChanged(planId: string, topic: PlanTopic): void {
	collabHooks()?.notify(planId, topic);
}

/** Without a collaboration server in this process nobody edits live, so the change just runs. */
export function cycleChange<T>(planId: string, change: () => Promise<T>): Promise<T> {
	return collabHooks()?.cycleChange(planId, change) ?? change();
}
