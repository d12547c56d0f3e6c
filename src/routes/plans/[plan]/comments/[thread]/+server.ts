import { getDb } from '$lib/server/db';
import { replyToThread, setThreadResolved } from '$lib/server/comments';
import {
	bodySchema,
	commentUser,
	readRequest,
	resolveSchema,
	commentsChanged
} from '$lib/server/comment-validation';
import type { RequestHandler } from './$types';

/** Replies to the thread. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const user = commentUser(locals);
	if (user instanceof Response) return user;
	const input = await readRequest(request, url, bodySchema);
	if (!input.ok) return input.response;
	return commentsChanged(
		params.plan,
		async () =>
			replyToThread(await getDb(), {
				planId: params.plan,
				userId: user.id,
				threadId: params.thread,
				body: input.data.body
			}),
		201
	);
};

/** Resolves or reopens the thread. */
export const PATCH: RequestHandler = async ({ locals, params, request, url }) => {
	const user = commentUser(locals);
	if (user instanceof Response) return user;
	const input = await readRequest(request, url, resolveSchema);
	if (!input.ok) return input.response;
	return commentsChanged(params.plan, async () =>
		setThreadResolved(await getDb(), {
			planId: params.plan,
			userId: user.id,
			threadId: params.thread,
			resolved: input.data.resolved
		})
	);
};
