import { getDb } from '$lib/server/db';
import { deleteComment, editComment } from '$lib/server/comments';
import {
	bodySchema,
	commentUser,
	crossSite,
	readRequest,
	commentsChanged
} from '$lib/server/comment-validation';
import type { RequestHandler } from './$types';

/** Edits one's own comment. */
export const PATCH: RequestHandler = async ({ locals, params, request, url }) => {
	const user = commentUser(locals);
	if (user instanceof Response) return user;
	const input = await readRequest(request, url, bodySchema);
	if (!input.ok) return input.response;
	return commentsChanged(params.plan, async () =>
		editComment(await getDb(), {
			planId: params.plan,
			userId: user.id,
			threadId: params.thread,
			commentId: params.comment,
			body: input.data.body
		})
	);
};

/** Deletes one's own comment (and its thread, if nothing is left in it). */
export const DELETE: RequestHandler = async ({ locals, params, request, url }) => {
	const user = commentUser(locals);
	if (user instanceof Response) return user;
	const foreign = crossSite(request, url);
	if (foreign) return foreign;
	return commentsChanged(params.plan, async () =>
		deleteComment(await getDb(), {
			planId: params.plan,
			userId: user.id,
			threadId: params.thread,
			commentId: params.comment
		})
	);
};
