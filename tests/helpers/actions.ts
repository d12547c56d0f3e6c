import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';

/** What the browser gets back from a form action: a redirect, a refusal, an error page or success. */
export type ActionAnswer = { status: number; location?: string; error?: string; data?: unknown };

/**
 * Posts a form to a SvelteKit action as a scripted client would: from an address of the test's
 * choosing, as the signed-in user in `locals` (none by default).
 */
export async function postAction(
	action: unknown,
	form: Record<string, string>,
	{
		path,
		address = '127.0.0.1',
		locals = { user: null, session: null },
		params = {}
	}: { path: string; address?: string; locals?: App.Locals; params?: Record<string, string> }
): Promise<ActionAnswer> {
	const url = new URL(path, 'http://concord.test');
	const event = {
		request: new Request(url, { method: 'POST', body: new URLSearchParams(form) }),
		url,
		params,
		locals,
		cookies: { set() {}, delete() {} },
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
