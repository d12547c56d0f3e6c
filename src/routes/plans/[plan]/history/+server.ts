import { getDb } from '$lib/server/db';
import { jsonAnswer } from '$lib/server/answers';
import { cellHistory } from '$lib/server/cell-history';
import { cellSchema, readQuery } from '$lib/server/history-params';
import type { RequestHandler } from './$types';

/** One cell's history: `?owner=<item or family>&measure=<typed measure>&period=YYYY-MM`. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const read = readQuery(locals, url, cellSchema);
	if (read instanceof Response) return read;
	const { user, query } = read;
	return jsonAnswer(async () =>
		cellHistory(await getDb(), params.plan, user.id, {
			ownerId: query.owner,
			measureId: query.measure,
			period: query.period
		})
	);
};
