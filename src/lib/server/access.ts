import type { PlanAccess } from '../domain/roles.ts';
import type { Queryable } from './db/index.ts';

/**
 * The member's role on a plan and their function in its workspace, or null without access. A plan
 * role grants nothing to someone who is no longer a member of the plan's workspace.
 */
export async function getPlanAccess(
	db: Queryable,
	userId: string,
	planId: string
): Promise<PlanAccess | null> {
	const rows = await db.query<PlanAccess>(
		`select pm.role, wm.function as fn
		 from plan_members pm
		 join plans p on p.id = pm.plan_id
		 join workspace_members wm on wm.workspace_id = p.workspace_id and wm.user_id = pm.user_id
		 where pm.plan_id = $1 and pm.user_id = $2`,
		[planId, userId]
	);
	return rows[0] ?? null;
}
