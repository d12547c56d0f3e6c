import { getDb } from '$lib/server/db';
import { planChanged } from '$lib/server/collab-bridge';
import { deleteComment, editComment } from '$lib/server/comments';
import { bodySchema, commentUser, crossSite, readRequest } from '$lib/server/comment-validation';
import { jsonAnswer } from '$lib/server/answers';
import type { RequestHandler } from './$types';

/** Edits one's own comment. */
export const PATCH: RequestHandler = async ({ locals, params, request, url }) => {
	const user = commentUser(locals);
	if (user instanceof Response) return user;
	const input = await readRequest(request, url, bodySchema);
	if (!input.ok) return input.response;
	return jsonAnswer(async () => {
		const done = await editComment(await getDb(), {
			planId: params.plan,
			userId: user.id,
			threadId: params.thread,
			commentId: params.comment,
			body: input.data.body
		});
		planChanged(params.plan, 'comments');
		return done;
	});
};

/** Deletes one's own comment (and its thread, if nothing is left in it). */
export const DELETE: RequestHandler = async ({ locals, params, request, url }) => {
	const user = commentUser(locals);
	if (user instanceof Response) return user;
	const foreign = crossSite(request, url);
	if (foreign) return foreign;
	return jsonAnswer(async () => {
		const done = await deleteComment(await getDb(), {
			planId: params.plan,
			userId: user.id,
			threadId: params.thread,
			commentId: params.comment
		});
		planChanged(params.plan, 'comments');
		return done;
	});
};
