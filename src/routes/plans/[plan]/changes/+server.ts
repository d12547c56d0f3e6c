import { getDb } from '$lib/server/db';
import { jsonAnswer } from '$lib/server/answers';
import { changesSince } from '$lib/server/cell-history';
import { readQuery, sinceSchema } from '$lib/server/history-params';
import type { RequestHandler } from './$types';

/**
 * The cells changed after `?since=<ISO date-time>`, newest change first; with `&after=<lastId>`,
 * only those changed by edits recorded after that one.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const read = readQuery(locals, url, sinceSchema);
	if (read instanceof Response) return read;
	const { user, query } = read;
	return jsonAnswer(async () =>
		changesSince(await getDb(), params.plan, user.id, query.since, query.after)
	);
};
