import { error, fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { listPlanMembers } from '$lib/server/plans';
import { listMembers } from '$lib/server/workspaces';
import { getViewersCanComment } from '$lib/server/comments';
import { formAnswer } from '$lib/server/answers';
import { changePlanRole, changeViewerComments } from '$lib/server/plan-people';
import { firstError, formFields, planRoleSchema } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

async function planLeader(locals: App.Locals, url: URL, planId: string) {
	const user = requireUser(locals, url);
	return { userId: user.id, ...(await requirePlanAccess(user, planId)) };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { plan, access } = await planLeader(locals, url, params.plan);
	if (access.role !== 'leader')
		error(403, { message: 'Only plan leaders can change who has access.' });
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
		const actor = await planLeader(locals, url, params.plan);
		const parsed = planRoleSchema.safeParse(formFields(await request.formData()));
		if (!parsed.success) return fail(400, { error: firstError(parsed.error) });
		const { userId, role } = parsed.data;
		return formAnswer(async () => {
			await changePlanRole(await getDb(), actor, userId, role);
			return { saved: true };
		});
	},
	commentSettings: async ({ locals, url, params, request }) => {
		const actor = await planLeader(locals, url, params.plan);
		// An unchecked checkbox is left out of the form.
		const allowed = (await request.formData()).get('viewersCanComment') === 'on';
		return formAnswer(async () => {
			await changeViewerComments(await getDb(), actor, allowed);
			return { commentsSaved: true };
		});
	}
};
