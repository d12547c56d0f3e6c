import { getDb } from '$lib/server/db';
import { markThreadRead } from '$lib/server/comments';
import { commentUser, crossSite } from '$lib/server/comment-validation';
import { jsonAnswer } from '$lib/server/answers';
import type { RequestHandler } from './$types';

/**
 * Marks the reader's mentions in the thread as read. Nobody else's view changes, so the plan's
 * other browsers are not told.
 */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const user = commentUser(locals);
	if (user instanceof Response) return user;
	const foreign = crossSite(request, url);
	if (foreign) return foreign;
	return jsonAnswer(async () =>
		markThreadRead(await getDb(), {
			planId: params.plan,
			userId: user.id,
			threadId: params.thread
		})
	);
};
