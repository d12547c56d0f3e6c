import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';

/** Raw HTTP as a modified client would send it, for the refusal tests. */
export const BASE = `http://localhost:${process.env.E2E_PORT ?? 4173}`;
// What a browser's form post carries: our origin, and a wish for an HTML page back.
export const ORIGIN = { origin: BASE, accept: 'text/html' };

export async function as(email: string, password = 'concord-demo'): Promise<APIRequestContext> {
	const ctx = await playwrightRequest.newContext({ baseURL: BASE });
	const res = await ctx.post('/signin', {
		form: { email, password },
		headers: ORIGIN,
		maxRedirects: 0
	});
	expect(res.status()).toBe(303);
	return ctx;
}

export async function demoPlan(
	ctx: APIRequestContext
): Promise<{ workspace: string; plan: string }> {
	const home = await (await ctx.get('/')).text();
	const workspace = /href="[^"]*\/w\/(\w+)"/.exec(home)![1];
	const page = await (await ctx.get(`/w/${workspace}`)).text();
	// The demo plan by its name: other tests add plans to the demo workspace.
	const plan = /href="[^"]*\/plans\/(\w+)">S&amp;OP cycle \(demo\)</.exec(page)![1];
	return { workspace, plan };
}
