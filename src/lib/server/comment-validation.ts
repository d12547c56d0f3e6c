/**
 * The comment endpoints' requests and answers (JSON from our own pages only: see json-request.ts).
 * Schemas never carry an author: the author is always the signed-in user.
 */
import { z } from 'zod';
import type { SessionUser } from './auth/session.ts';
import { jsonAnswer } from './answers.ts';
import { planChanged } from './collab-bridge.ts';
import { refusal } from './json-request.ts';
import { line, multiline } from './validation.ts';

/** The length limit is checked with its own message by the domain rules; this only stops abuse. */
const body = multiline('Write something before posting.').max(100_000, 'Far too long.');
const id = line().min(1).max(40);

export const newThreadSchema = z.object({
	ownerId: line('Say which item or family the comment is on.').min(1).max(40),
	measureId: id.nullable().default(null),
	period: line().max(7).nullable().default(null),
	body
});

export const bodySchema = z.object({ body });

export const resolveSchema = z.object({
	resolved: z.boolean({ error: 'Say whether the thread is resolved.' })
});

export { crossSite, readRequest } from './json-request.ts';

/** The signed-in user, or a 401 answer: a JSON caller has no sign-in page to be sent to. */
export function commentUser(locals: App.Locals): SessionUser | Response {
	return locals.user ?? refusal(401, 'Your session has ended. Sign in again to comment.');
}

/**
 * The answer to a change of the plan's comments: the service's value (and every open browser of
 * the plan is told), or its refusal.
 */
export function commentsChanged<T>(
	planId: string,
	work: () => Promise<T>,
	status = 200
): Promise<Response> {
	return jsonAnswer(async () => {
		const done = await work();
		planChanged(planId, 'comments');
		return done;
	}, status);
}
