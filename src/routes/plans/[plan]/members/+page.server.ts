import { error, fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { listPlanMembers, setPlanRole } from '$lib/server/plans';
import { listMembers } from '$lib/server/workspaces';
import { accessChanged, planChanged } from '$lib/server/collab-bridge';
import { getViewersCanComment, setViewersCanComment } from '$lib/server/comments';
import { firstError, formFields, planRoleSchema } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

async function requireLeader(locals: App.Locals, url: URL, planId: string) {
	const user = requireUser(locals, url);
	const found = await requirePlanAccess(user, planId);
	if (found.access.role !== 'leader')
		error(403, { message: 'Only plan leaders can change who has access' });
	return { user, ...found };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { plan } = await requireLeader(locals, url, params.plan);
	const db = await getDb();
	const roles = new Map((await listPlanMembers(db, plan.id)).map((m) => [m.user_id, m.role]));
	const people = (await listMembers(db, plan.workspace_id)).map((m) => ({
		...m,
		role: roles.get(m.user_id) ?? null
	}));
	return { plan, people, viewersCanComment: await getViewersCanComment(db, plan.id) };
};

export const actions: Actions = {
	setRole: async ({ locals, url, params, request }) => {
		const { user, plan } = await requireLeader(locals, url, params.plan);
		const parsed = planRoleSchema.safeParse(formFields(await request.formData()));
		if (!parsed.success) return fail(400, { error: firstError(parsed.error) });
		if (parsed.data.userId === user.id && parsed.data.role !== 'leader') {
			return fail(400, { error: 'You cannot remove your own leader role; ask another leader' });
		}
		const db = await getDb();
		const inWorkspace = (await listMembers(db, plan.workspace_id)).some(
			(m) => m.user_id === parsed.data.userId
		);
		if (!inWorkspace)
			return fail(400, { error: 'Only members of the workspace can be given a role' });
		await setPlanRole(db, plan.id, parsed.data.userId, parsed.data.role);
		await accessChanged(plan.id);
		return { saved: true };
	},
	commentSettings: async ({ locals, url, params, request }) => {
		const { plan } = await requireLeader(locals, url, params.plan);
		// An unchecked checkbox is left out of the form.
		const allowed = (await request.formData()).get('viewersCanComment') === 'on';
		await setViewersCanComment(await getDb(), plan.id, allowed);
		planChanged(plan.id, 'comments');
		return { commentsSaved: true };
	}
};
