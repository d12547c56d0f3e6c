import { getDb } from '$lib/server/db';
import { loadBoard, startThread } from '$lib/server/comments';
import {
	commentUser,
	newThreadSchema,
	readRequest,
	commentsChanged
} from '$lib/server/comment-validation';
import { jsonAnswer } from '$lib/server/answers';
import type { RequestHandler } from './$types';

/** The comments panel's data for the signed-in member. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = commentUser(locals);
	if (user instanceof Response) return user;
	return jsonAnswer(async () => loadBoard(await getDb(), params.plan, user.id));
};

/** Starts a thread on a row or a cell with its first comment. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const user = commentUser(locals);
	if (user instanceof Response) return user;
	const input = await readRequest(request, url, newThreadSchema);
	if (!input.ok) return input.response;
	const { body, ...target } = input.data;
	return commentsChanged(
		params.plan,
		async () =>
			startThread(await getDb(), {
				planId: params.plan,
				userId: user.id,
				target,
				body
			}),
		201
	);
};
