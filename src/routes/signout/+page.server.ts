import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidateSession } from '$lib/server/auth/session';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { accessChanged } from '$lib/server/collab-bridge';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.session) {
			await invalidateSession(await getDb(), locals.session.id);
			// Plans open in other tabs of this session stop receiving the plan at once.
			await accessChanged();
		}
		deleteSessionCookie(cookies, url);
		redirect(303, '/signin');
	}
};
