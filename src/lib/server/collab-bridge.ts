/**
 * How HTTP actions tell the collaboration server about changes they made. The SvelteKit bundle and
 * the collaboration server are separate module graphs in one process, so they meet on globalThis.
 */
export interface CollabHooks {
	/** Re-checks open connections: to one plan, or all of them. */
	refreshAccess(planId?: string): Promise<void>;
}

const KEY = Symbol.for('concord.collab');
type Holder = { [KEY]?: CollabHooks };

export function registerCollab(hooks: CollabHooks | undefined): void {
	(globalThis as Holder)[KEY] = hooks;
}

/** Who may open what changed: on one plan, or (no plan: a session ended) anywhere. */
export async function accessChanged(planId?: string): Promise<void> {
	await (globalThis as Holder)[KEY]?.refreshAccess(planId);
}
