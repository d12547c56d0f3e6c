import { getDb } from '$lib/server/db';
import { authenticateApiToken } from '$lib/server/api-tokens';
import { apiRefusal, importAnswer } from '$lib/server/import/http';
import { importIntoHistory } from '$lib/server/import/run-import';
import type { RequestHandler } from './$types';

/**
 * A load of actual sales into the workspace's history (per SKU and month, any months): the file
 * as the body, a workspace API token as the bearer. Previews unless `?apply=1`.
 */
export const POST: RequestHandler = async ({ params, request, url, getClientAddress }) => {
	const db = await getDb();
	const [workspace] = /^[a-z0-9]{1,40}$/.test(params.workspace)
		? await db.query<{ id: string }>(`select id from workspaces where id = $1`, [params.workspace])
		: [];
	let token;
	try {
		token = await authenticateApiToken(
			db,
			request.headers.get('authorization'),
			workspace?.id ?? null,
			getClientAddress()
		);
	} catch (error) {
		return apiRefusal(error);
	}
	return importAnswer(request, url, (req) =>
		importIntoHistory(db, token.workspaceId, { userId: token.userId }, req)
	);
};
