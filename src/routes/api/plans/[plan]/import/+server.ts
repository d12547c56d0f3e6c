import { getDb } from '$lib/server/db';
import { authenticateApiToken } from '$lib/server/api-tokens';
import { apiRefusal, importAnswer } from '$lib/server/import/http';
import { importIntoPlan } from '$lib/server/import/run-import';
import { getPlan } from '$lib/server/plans';
import type { RequestHandler } from './$types';

/**
 * A nightly load into a plan: the file as the body, a workspace API token as the bearer.
 * Previews unless `?apply=1`; the token imports as a leader would, within the cycle's locks.
 */
export const POST: RequestHandler = async ({ params, request, url, getClientAddress }) => {
	const db = await getDb();
	const plan = /^[a-z0-9]{1,40}$/.test(params.plan) ? await getPlan(db, params.plan) : null;
	let token;
	try {
		// A missing plan is told only to a valid token (as a 404), so guessing ids learns nothing.
		token = await authenticateApiToken(
			db,
			request.headers.get('authorization'),
			plan?.workspace_id ?? null,
			getClientAddress()
		);
	} catch (error) {
		return apiRefusal(error);
	}
	const actor = {
		userId: token.userId,
		via: `API token "${token.tokenName}"`,
		access: { role: 'leader' as const, fn: null }
	};
	return importAnswer(request, url, (req) => importIntoPlan(db, plan!, actor, req));
};
