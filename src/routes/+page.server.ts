import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { createWorkspace, listWorkspaces } from '$lib/server/workspaces';
import { firstError, formFields, workspaceSchema } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { workspaces: await listWorkspaces(await getDb(), user.id) };
};

export const actions: Actions = {
	createWorkspace: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const fields = formFields(await request.formData());
		const parsed = workspaceSchema.safeParse(fields);
		if (!parsed.success)
			return fail(400, { name: fields.name ?? '', error: firstError(parsed.error) });
		const id = await createWorkspace(await getDb(), parsed.data.name, user.id);
		redirect(303, `/w/${id}`);
	}
};
