/**
 * The comment endpoints' requests and answers. They take JSON from our own pages only: SvelteKit's
 * origin check covers form posts, not JSON, so these check the content type and Origin themselves.
 * Schemas never carry an author: the author is always the signed-in user.
 */
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { SessionUser } from './auth/session.ts';
import { jsonAnswer } from './answers.ts';
import { planChanged } from './collab-bridge.ts';
import { firstError, line, multiline } from './validation.ts';

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

export const refusal = (status: number, error: string) => json({ error }, { status });

/** The signed-in user, or a 401 answer: a JSON caller has no sign-in page to be sent to. */
export function commentUser(locals: App.Locals): SessionUser | Response {
	return locals.user ?? refusal(401, 'Your session has ended. Sign in again to comment.');
}

/** A refusal when a browser sends the request from another site; null when it is ours. */
export function crossSite(request: Request, url: URL): Response | null {
	const origin = request.headers.get('origin');
	return origin !== null && origin !== url.origin
		? refusal(403, 'Comments can only be changed from Concord itself.')
		: null;
}

/** The parsed JSON body of a same-origin request, or the answer refusing it. */
export async function readRequest<T extends z.ZodType>(
	request: Request,
	url: URL,
	schema: T
): Promise<{ ok: true; data: z.output<T> } | { ok: false; response: Response }> {
	const foreign = crossSite(request, url);
	if (foreign) return { ok: false, response: foreign };
	if (!request.headers.get('content-type')?.startsWith('application/json'))
		return { ok: false, response: refusal(415, 'Send comments as JSON.') };
	let raw: unknown;
	try {
		raw = await request.json();
	} catch {
		return { ok: false, response: refusal(400, 'The request was not valid JSON.') };
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) return { ok: false, response: refusal(400, firstError(parsed.error)) };
	return { ok: true, data: parsed.data };
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
