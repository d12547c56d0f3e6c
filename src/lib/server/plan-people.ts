/**
 * Who may open a plan and how, as its leaders change it on the People page. Each function checks
 * that the acting member may do it and refuses (see refusal.ts) otherwise.
 */
import type { PlanAccess, PlanRole } from '../domain/roles.ts';
import { accessChanged, planChanged } from './collab-bridge.ts';
import { setViewersCanComment } from './comments.ts';
import type { Db } from './db/index.ts';
import type { Plan } from './plans.ts';
import { setPlanRole } from './plans.ts';
import { Refusal } from './refusal.ts';
import { listMembers } from './workspaces.ts';

export interface PlanLeader {
	userId: string;
	plan: Plan;
	access: PlanAccess;
}

export function assertPlanLeader(access: PlanAccess, what: string): void {
	if (access.role !== 'leader') throw new Refusal(`Only plan leaders can ${what}.`, 403);
}

/** Gives a workspace member a role on the plan, or takes it away (`role` null). */
export async function changePlanRole(
	db: Db,
	actor: PlanLeader,
	userId: string,
	role: PlanRole | null
): Promise<void> {
	assertPlanLeader(actor.access, 'change who has access');
	if (userId === actor.userId && role !== 'leader') {
		throw new Refusal('You cannot remove your own leader role; ask another leader.', 400);
	}
	const inWorkspace = (await listMembers(db, actor.plan.workspace_id)).some(
		(m) => m.user_id === userId
	);
	if (!inWorkspace) throw new Refusal('Only members of the workspace can be given a role.', 400);
	await setPlanRole(db, actor.plan.id, userId, role);
	await accessChanged(actor.plan.id);
}

/** Whether viewers of the plan may write comments. */
export async function changeViewerComments(
	db: Db,
	actor: PlanLeader,
	allowed: boolean
): Promise<void> {
	assertPlanLeader(actor.access, 'change who may comment');
	await setViewersCanComment(db, actor.plan.id, allowed);
	planChanged(actor.plan.id, 'comments');
}
