import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import type { TestUser } from './fixtures.ts';

/** What the browser gets back from a form action: a redirect, a refusal, an error page or success. */
export type ActionAnswer = { status: number; location?: string; error?: string; data?: unknown };

/**
 * Posts a form to a SvelteKit action as a scripted client would: from an address of the test's
 * choosing, signed in as `user` (nobody by default). A field given as a list repeats, as
 * checkboxes do.
 */
export async function postAction(
	action: unknown,
	form: Record<string, string | string[]>,
	{
		path,
		address = '127.0.0.1',
		user = null,
		params = {}
	}: { path: string; address?: string; user?: TestUser | null; params?: Record<string, string> }
): Promise<ActionAnswer> {
	const url = new URL(path, 'http://concord.test');
	const body = new URLSearchParams();
	for (const [name, value] of Object.entries(form))
		for (const one of [value].flat()) body.append(name, one);
	const locals: App.Locals = {
		user: user && { id: user.id, name: user.name, email: user.email, color: '#000' },
		session: null
	};
	const event = {
		request: new Request(url, { method: 'POST', body }),
		url,
		params,
		locals,
		cookies: { set() {}, delete() {}, get: () => undefined },
		getClientAddress: () => address
	};
	try {
		const result: unknown = await (action as (event: unknown) => Promise<unknown>)(event);
		if (isActionFailure(result)) {
			const data = result.data as unknown as { error?: string };
			return { status: result.status, error: data.error, data };
		}
		return { status: 200, data: result };
	} catch (e) {
		if (isRedirect(e)) return { status: e.status, location: e.location };
		if (isHttpError(e)) return { status: e.status, error: e.body.message };
		throw e;
	}
}
