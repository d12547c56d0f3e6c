import { error, redirect } from '@sveltejs/kit';
import { CREATE_PLANS_REFUSAL, mayCreatePlans, type PlanAccess } from '../domain/roles.ts';
import type { SessionUser } from './auth/session.ts';
import { getPlanAccess } from './access.ts';
import { getDb } from './db/index.ts';
import { getPlan, plansLedBy, type Plan } from './plans.ts';
import { getMembership } from './workspaces.ts';

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (!locals.user) redirect(303, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}

export async function requireMembership(user: SessionUser, workspaceId: string) {
	const membership = await getMembership(await getDb(), workspaceId, user.id);
	if (!membership) error(404, { message: 'No such workspace, or you are not a member of it' });
	return membership;
}

export async function requireWorkspaceAdmin(user: SessionUser, workspaceId: string) {
	const membership = await requireMembership(user, workspaceId);
	if (!membership.is_admin) error(403, { message: 'Only workspace admins can do that' });
	return membership;
}

/** The membership, the plans the member leads, and whether they may create plans there. */
export async function membershipWithPlanRights(user: SessionUser, workspaceId: string) {
	const membership = await requireMembership(user, workspaceId);
	const led = await plansLedBy(await getDb(), workspaceId, user.id);
	const canCreatePlans = mayCreatePlans({
		isAdmin: membership.is_admin,
		fn: membership.function,
		leadsAPlan: led.length > 0
	});
	return { ...membership, canCreatePlans, plansLed: led };
}

export async function requirePlanCreator(user: SessionUser, workspaceId: string) {
	const membership = await membershipWithPlanRights(user, workspaceId);
	if (!membership.canCreatePlans) error(403, { message: CREATE_PLANS_REFUSAL });
	return membership;
}

export async function requirePlanAccess(
	user: SessionUser,
	planId: string
): Promise<{ plan: Plan; access: PlanAccess }> {
	const db = await getDb();
	const access = await getPlanAccess(db, user.id, planId);
	const plan = access && (await getPlan(db, planId));
	if (!access || !plan) error(404, { message: 'No such plan, or you have no access to it' });
	return { plan, access };
}
