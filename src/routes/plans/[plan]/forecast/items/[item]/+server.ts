import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readItemForecast } from '$lib/server/forecast/item-forecast';
import { requirePlanAccess } from '$lib/server/guards';
import { NO_STORE } from '$lib/server/ndjson';
import type { RequestHandler } from './$types';

/** One item's baseline explained: method, backtest, intervals, history and the demand rows. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = locals.user;
	if (!user) return json({ error: 'Your session has ended; sign in again' }, { status: 401 });
	const { plan } = await requirePlanAccess(user, params.plan);
	const view = await readItemForecast(await getDb(), plan, params.item);
	if (!view) return json({ error: 'No such item in this plan' }, { status: 404 });
	return json(view, { headers: NO_STORE });
};
