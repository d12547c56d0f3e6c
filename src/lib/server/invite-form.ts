import {
	PLAN_ROLES,
	defaultPlanRole,
	type BusinessFunction,
	type PlanRole
} from '../domain/roles.ts';
import type { PlanGrant } from './invites.ts';

/**
 * The plan roles picked on the invite form: a `plan` checkbox per plan, and its `role-<plan id>`
 * select (the default role of the invitee's function when a client leaves it out).
 */
export function grantsFromForm(
	data: FormData,
	fn: BusinessFunction | null
): { ok: true; grants: PlanGrant[] } | { ok: false; error: string } {
	const planIds = new Set(data.getAll('plan').filter((v): v is string => typeof v === 'string'));
	const grants: PlanGrant[] = [];
	for (const planId of planIds) {
		const role = data.get(`role-${planId}`) ?? defaultPlanRole(fn);
		if (!(PLAN_ROLES as readonly unknown[]).includes(role)) {
			return { ok: false, error: 'Choose viewer, editor or leader for each plan' };
		}
		grants.push({ planId, role: role as PlanRole });
	}
	return { ok: true, grants };
}
