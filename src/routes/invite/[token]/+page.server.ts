import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { acceptInvite, findInvite } from '$lib/server/invites';
import { requireUser } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const invite = await findInvite(await getDb(), params.token);
	return {
		invite: invite && {
			workspaceName: invite.workspace_name,
			email: invite.email,
			function: invite.function,
			plans: invite.plans,
			usable: !invite.expired && !invite.accepted
		},
		signedInAs: locals.user?.email ?? null
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params }) => {
		const user = requireUser(locals, url);
		const result = await acceptInvite(await getDb(), params.token, user);
		if (!result.ok) return fail(400, { error: result.error });
		redirect(303, `/w/${result.workspaceId}`);
	}
};
