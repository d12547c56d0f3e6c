import type { Queryable } from '../db/index.ts';

/** The fencing token a process holds for a plan, checked by every commit of the plan's log. */
export interface PlanFence {
	planId: string;
	token: number;
}

/** A commit by a process that no longer owns the plan: another took it over. */
export class FencedOut extends Error {
	constructor(readonly planId: string) {
		super(`plan ${planId} is owned by another process`);
		this.name = 'FencedOut';
	}
}

/**
 * Raises the plan's fence and returns the new token; called by a process that has just taken the
 * plan's lease, before it loads anything. Postgres, not Redis, counts: the token must keep growing
 * across a Redis restart that forgot every key, and it guards the writes of this very database.
 */
export async function claimFence(db: Queryable, planId: string): Promise<number> {
	const [row] = await db.query<{ fence: string | number }>(
		`insert into plan_fences (plan_id, fence) values ($1, 1)
		 on conflict (plan_id) do update set fence = plan_fences.fence + 1
		 returning fence`,
		[planId]
	);
	return Number(row.fence);
}

/**
 * Inside a commit's transaction: throws FencedOut unless the fence is still ours. The row lock it
 * takes orders it with a takeover's `claimFence`: a commit either lands before the new owner loads
 * or fails.
 */
export async function checkFence(tx: Queryable, fence: PlanFence): Promise<void> {
	const rows = await tx.query(
		`select 1 from plan_fences where plan_id = $1 and fence = $2 for share`,
		[fence.planId, fence.token]
	);
	if (rows.length === 0) throw new FencedOut(fence.planId);
}
