import { error, fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireMembership, requireUser, requireWorkspaceAdmin } from '$lib/server/guards';
import { createInvite, listPendingInvites } from '$lib/server/invites';
import { listPlans, planIdsOfWorkspace } from '$lib/server/plans';
import { accessChanged } from '$lib/server/collab-bridge';
import { listMembers, removeMember, setMemberFunction } from '$lib/server/workspaces';
import {
	firstError,
	formFields,
	inviteSchema,
	memberFunctionSchema,
	removeMemberSchema
} from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const membership = await requireMembership(user, params.workspace);
	const db = await getDb();
	return {
		workspace: { id: params.workspace, ...membership },
		plans: await listPlans(db, params.workspace, user.id),
		members: await listMembers(db, params.workspace),
		invites: membership.is_admin ? await listPendingInvites(db, params.workspace) : []
	};
};

export const actions: Actions = {
	invite: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		await requireWorkspaceAdmin(user, params.workspace);
		const fields = formFields(await request.formData());
		const parsed = inviteSchema.safeParse(fields);
		if (!parsed.success) {
			return fail(400, { invite: { email: fields.email ?? '', error: firstError(parsed.error) } });
		}
		const token = await createInvite(await getDb(), {
			workspaceId: params.workspace,
			email: parsed.data.email,
			fn: parsed.data.function,
			invitedBy: user.id
		});
		return { invite: { email: parsed.data.email, link: `${url.origin}/invite/${token}` } };
	},
	setFunction: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		await requireWorkspaceAdmin(user, params.workspace);
		const parsed = memberFunctionSchema.safeParse(formFields(await request.formData()));
		if (!parsed.success) return fail(400, { member: { error: firstError(parsed.error) } });
		const db = await getDb();
		if (
			!(await setMemberFunction(db, params.workspace, parsed.data.userId, parsed.data.function))
		) {
			error(404, { message: 'That person is not a member of this workspace' });
		}
		// A new function changes what they may edit in every plan of the workspace, open ones included.
		for (const planId of await planIdsOfWorkspace(db, params.workspace))
			await accessChanged(planId);
		return { member: { saved: parsed.data.userId } };
	},
	removeMember: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		await requireWorkspaceAdmin(user, params.workspace);
		const parsed = removeMemberSchema.safeParse(formFields(await request.formData()));
		if (!parsed.success) return fail(400, { member: { error: firstError(parsed.error) } });
		// The workspace always keeps the admin who removes; the last admin cannot leave it empty.
		if (parsed.data.userId === user.id)
			return fail(400, { member: { error: 'You cannot remove yourself; ask another admin' } });
		const db = await getDb();
		if (!(await removeMember(db, params.workspace, parsed.data.userId)))
			error(404, { message: 'That person is not a member of this workspace' });
		// Their open plans of this workspace close at once, on every plan.
		for (const planId of await planIdsOfWorkspace(db, params.workspace))
			await accessChanged(planId);
		return { member: { removed: parsed.data.userId } };
	}
};
