import { error, fail } from '@sveltejs/kit';
import { formAnswer } from '$lib/server/answers';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/api-tokens';
import { getDb } from '$lib/server/db';
import { membershipWithPlanRights, requireUser, requireWorkspaceAdmin } from '$lib/server/guards';
import { createInvite, listPendingInvites } from '$lib/server/invites';
import { grantsFromForm } from '$lib/server/invite-form';
import { listPlans, planIdsOfWorkspace } from '$lib/server/plans';
import { accessChanged } from '$lib/server/collab-bridge';
import { listMembers, removeMember, setMemberFunction } from '$lib/server/workspaces';
import {
	apiTokenSchema,
	firstError,
	formFields,
	inviteSchema,
	memberFunctionSchema,
	removeMemberSchema,
	revokeApiTokenSchema
} from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plansLed, ...membership } = await membershipWithPlanRights(user, params.workspace);
	const db = await getDb();
	return {
		workspace: { id: params.workspace, ...membership },
		plans: await listPlans(db, params.workspace, user.id),
		// So a member without plans is told whether there are plans to ask for.
		workspaceHasPlans: (await planIdsOfWorkspace(db, params.workspace)).length > 0,
		// The plans an admin may give roles on in an invite.
		plansLed: membership.is_admin ? plansLed : [],
		members: await listMembers(db, params.workspace),
		invites: membership.is_admin ? await listPendingInvites(db, params.workspace) : [],
		apiTokens: membership.is_admin ? await listApiTokens(db, params.workspace) : []
	};
};

export const actions: Actions = {
	invite: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		await requireWorkspaceAdmin(user, params.workspace);
		const data = await request.formData();
		const fields = formFields(data);
		const parsed = inviteSchema.safeParse(fields);
		if (!parsed.success) {
			return fail(400, { invite: { email: fields.email ?? '', error: firstError(parsed.error) } });
		}
		const grants = grantsFromForm(data, parsed.data.function);
		const created = grants.ok
			? await createInvite(await getDb(), {
					workspaceId: params.workspace,
					email: parsed.data.email,
					fn: parsed.data.function,
					invitedBy: user.id,
					grants: grants.grants
				})
			: grants;
		if (!created.ok)
			return fail(400, { invite: { email: parsed.data.email, error: created.error } });
		return { invite: { email: parsed.data.email, link: `${url.origin}/invite/${created.token}` } };
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
	},
	createApiToken: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		await requireWorkspaceAdmin(user, params.workspace);
		const fields = formFields(await request.formData());
		const parsed = apiTokenSchema.safeParse(fields);
		if (!parsed.success) {
			return fail(400, {
				apiToken: { name: fields.name ?? '', error: firstError(parsed.error) }
			});
		}
		const { token } = await createApiToken(
			await getDb(),
			params.workspace,
			parsed.data.name,
			user.id
		);
		// The only answer that ever holds the secret.
		return { apiToken: { name: parsed.data.name, token } };
	},
	revokeApiToken: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		await requireWorkspaceAdmin(user, params.workspace);
		const parsed = revokeApiTokenSchema.safeParse(formFields(await request.formData()));
		if (!parsed.success) return fail(400, { error: firstError(parsed.error) });
		const { tokenId } = parsed.data;
		return formAnswer(async () => {
			await revokeApiToken(await getDb(), params.workspace, tokenId, user.id);
			return { revokedApiToken: tokenId };
		});
	}
};
