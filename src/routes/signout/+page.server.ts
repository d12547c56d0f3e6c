import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidateSession } from '$lib/server/auth/session';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { accessChanged } from '$lib/server/collab-bridge';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url, setHeaders }) => {
		if (locals.session) {
			await invalidateSession(await getDb(), locals.session.id);
			// Plans open in other tabs of this session stop receiving the plan at once.
			await accessChanged();
		}
		deleteSessionCookie(cookies, url);
		// Plans kept for offline work (IndexedDB, the service worker's caches) leave with the person.
		setHeaders({ 'clear-site-data': '"cache", "storage"' });
		redirect(303, '/signin');
	}
};
