/**
 * JSON endpoints' requests. They take JSON from our own pages only: SvelteKit's origin check
 * covers form posts, not JSON, so these check the content type and Origin themselves.
 */
import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { firstError } from './validation.ts';

export const refusal = (status: number, error: string) => json({ error }, { status });

/** A refusal when a browser sends the request from another site; null when it is ours. */
export function crossSite(request: Request, url: URL): Response | null {
	const origin = request.headers.get('origin');
	return origin !== null && origin !== url.origin
		? refusal(403, 'Changes can only be made from Concord itself.')
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
		return { ok: false, response: refusal(415, 'Send the request as JSON.') };
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
