import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanAccess } from '$lib/server/guards';
import { importAnswer } from '$lib/server/import/http';
import { importIntoPlan } from '$lib/server/import/run-import';
import type { RequestHandler } from './$types';

/** The Import page's upload: the file as the body, previewed, or applied with `?apply=1`. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const user = locals.user;
	if (!user) return json({ error: 'Your session has ended; sign in again' }, { status: 401 });
	const { plan, access } = await requirePlanAccess(user, params.plan);
	if (access.role === 'viewer') {
		return json({ error: 'Only leaders and editors can import into this plan' }, { status: 403 });
	}
	const db = await getDb();
	return importAnswer(request, url, (req) =>
		importIntoPlan(db, plan, { userId: user.id, via: null, access }, req)
	);
};
