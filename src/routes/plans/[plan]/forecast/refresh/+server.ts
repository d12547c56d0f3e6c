import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import type { RefreshStreamLine } from '$lib/domain/forecast/refresh';
import { refreshBaseline } from '$lib/server/forecast/refresh-baseline';
import { requirePlanAccess } from '$lib/server/guards';
import { ndjsonResponse } from '$lib/server/ndjson';
import type { RequestHandler } from './$types';

/** "Refresh baseline": NDJSON progress lines while the items are forecast, then the result. */
export const POST: RequestHandler = async ({ locals, params }) => {
	const user = locals.user;
	if (!user) return json({ error: 'Your session has ended; sign in again' }, { status: 401 });
	const { plan, access } = await requirePlanAccess(user, params.plan);
	const db = await getDb();
	return ndjsonResponse<RefreshStreamLine>(
		async (send) => ({
			result: await refreshBaseline(db, plan, { userId: user.id, access }, (progress) =>
				send({ progress })
			)
		}),
		'The baseline refresh failed on the server; the baseline was not changed.',
		'baseline refresh'
	);
};
