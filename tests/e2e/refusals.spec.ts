import http from 'node:http';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { as, BASE, demoPlan, ORIGIN } from './api';
import { uniqueEmail, PASSWORD } from './helpers';

/**
 * What the UI would never send, sent straight to the server: it must refuse with a clear status and
 * message, and change nothing.
 */
test('a viewer cannot change roles, and an editor cannot open the people page', async () => {
	const viewer = await as('vic@demo.concord');
	const { plan } = await demoPlan(viewer);
	const res = await viewer.post(`/plans/${plan}/members?/setRole`, {
		form: { userId: 'anyone', role: 'leader' },
		headers: ORIGIN
	});
	expect(res.status()).toBe(403);
	expect(await res.text()).toContain('Only plan leaders can change who has access');

	const editor = await as('sam@demo.concord');
	const people = await editor.get(`/plans/${plan}/members`);
	expect(people.status()).toBe(403);
});

test('a non-admin cannot invite, and outsiders do not see workspaces or plans', async () => {
	const editor = await as('sam@demo.concord');
	const { workspace, plan } = await demoPlan(editor);
	const invite = await editor.post(`/w/${workspace}?/invite`, {
		form: { email: 'x@example.test', function: 'sales' },
		headers: ORIGIN
	});
	expect(invite.status()).toBe(403);
	expect(await invite.text()).toContain('Only workspace admins can do that');

	const outsider = await playwrightRequest.newContext({ baseURL: BASE });
	const email = uniqueEmail('out');
	await outsider.post('/signup', {
		form: { name: 'Out', email, password: PASSWORD },
		headers: ORIGIN
	});
	expect((await outsider.get(`/w/${workspace}`)).status()).toBe(404);
	expect((await outsider.get(`/plans/${plan}`)).status()).toBe(404);
	expect((await outsider.get('/plans/not-a-plan')).status()).toBe(404);
});

test('signed-out and cross-site posts are refused', async () => {
	const anonymous = await playwrightRequest.newContext({ baseURL: BASE });
	const res = await anonymous.post('/?/createWorkspace', {
		form: { name: 'Sneaky' },
		headers: ORIGIN,
		maxRedirects: 0
	});
	expect(res.status()).toBe(303);
	expect(res.headers()['location']).toMatch(/^\/signin\?next=/);

	const lead = await as('lee@demo.concord');
	const crossSite = await lead.post('/?/createWorkspace', {
		form: { name: 'Forged' },
		headers: { ...ORIGIN, origin: 'http://evil.example' }
	});
	expect(crossSite.status()).toBe(403);
	expect(await (await lead.get('/')).text()).not.toContain('Forged');
});

test('bad plan forms keep what was typed and say what is wrong', async () => {
	const lead = await as('lee@demo.concord');
	const { workspace } = await demoPlan(lead);
	const bad = await lead.post(`/w/${workspace}/plans/new`, {
		form: {
			name: 'Odd plan',
			startMonth: '2027-01',
			horizon: '12',
			hierarchy: 'Bikes, B1, Road\nno commas here'
		},
		headers: ORIGIN
	});
	expect(bad.status()).toBe(400);
	const html = await bad.text();
	expect(html).toContain('Line 2: write "Family, SKU, Item name"');
	expect(html).toContain('no commas here');

	const horizon = await lead.post(`/w/${workspace}/plans/new`, {
		form: {
			name: 'Long plan',
			startMonth: '2027-01',
			horizon: '600',
			hierarchy: 'Bikes, B1, Road'
		},
		headers: ORIGIN
	});
	expect(horizon.status()).toBe(400);
	expect(await horizon.text()).toContain('The horizon is at most 60 months');
	expect(await (await lead.get(`/w/${workspace}`)).text()).not.toMatch(/Odd plan|Long plan/);
});

test('an oversized form is refused before it is read', async () => {
	const lead = await as('lee@demo.concord');
	const { workspace } = await demoPlan(lead);
	const res = await lead.post(`/w/${workspace}/plans/new`, {
		form: { name: 'Huge', startMonth: '2027-01', horizon: '12', hierarchy: 'x'.repeat(600_000) },
		headers: ORIGIN
	});
	expect(res.status()).toBe(413);
});

test('a form whose body does not say its length is refused', async () => {
	const status = await new Promise<number>((resolve, reject) => {
		const req = http.request(
			`${BASE}/signin`,
			{
				method: 'POST',
				headers: { ...ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }
			},
			(res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
			}
		);
		req.on('error', reject);
		// Two writes before the end: Node sends the body chunked, without a content-length.
		req.write('email=a%40b.c');
		req.write('&password=');
		req.end('x'.repeat(100_000));
	});
	expect(status).toBe(411);
});

test('five wrong passwords lock the account for a while, with a clear message', async () => {
	const ctx = await playwrightRequest.newContext({ baseURL: BASE });
	const email = uniqueEmail('lock');
	await ctx.post('/signup', { form: { name: 'Lock', email, password: PASSWORD }, headers: ORIGIN });
	await ctx.post('/signout', { form: {}, headers: ORIGIN });
	for (let i = 0; i < 5; i++) {
		const res = await ctx.post('/signin', {
			form: { email, password: 'wrong-password' },
			headers: ORIGIN
		});
		expect(res.status()).toBe(400);
	}
	const locked = await ctx.post('/signin', {
		form: { email, password: PASSWORD },
		headers: ORIGIN
	});
	expect(locked.status()).toBe(429);
	expect(await locked.text()).toContain('Too many failed sign-ins. Try again in 15 minutes.');
});

test('forms with missing fields say which field is missing and create nothing', async () => {
	const ctx = await playwrightRequest.newContext({ baseURL: BASE });
	const email = uniqueEmail('miss');
	const noName = await ctx.post('/signup', {
		form: { email, password: PASSWORD },
		headers: ORIGIN
	});
	expect(noName.status()).toBe(400);
	expect(await noName.text()).toContain('Enter your name');
	const noEmail = await ctx.post('/signin', { form: { password: PASSWORD }, headers: ORIGIN });
	expect(noEmail.status()).toBe(400);
	expect(await noEmail.text()).toContain('Enter your email address');
	// Nothing was created: that address can still sign up.
	const later = await ctx.post('/signup', {
		form: { name: 'Later', email, password: PASSWORD },
		headers: ORIGIN,
		maxRedirects: 0
	});
	expect(later.status()).toBe(303);

	const lead = await as('lee@demo.concord');
	const noWorkspaceName = await lead.post('/?/createWorkspace', {
		form: { name: '  ' },
		headers: ORIGIN
	});
	expect(noWorkspaceName.status()).toBe(400);
	expect(await noWorkspaceName.text()).toContain('Give the workspace a name');
});

test('after sign-in only same-site paths are followed', async () => {
	const ctx = await playwrightRequest.newContext({ baseURL: BASE });
	const res = await ctx.post('/signin?next=/%09/evil.example', {
		form: { email: 'lee@demo.concord', password: 'concord-demo' },
		headers: ORIGIN,
		maxRedirects: 0
	});
	expect(res.status()).toBe(303);
	expect(res.headers()['location']).toBe('/');
});

test('control characters in names, comments and addresses are refused with a clear message', async () => {
	const lead = await as('lee@demo.concord');
	const workspace = await lead.post('/?/createWorkspace', {
		form: { name: 'Nul\u0000Works' },
		headers: ORIGIN
	});
	expect(workspace.status()).toBe(400);
	expect(await workspace.text()).toContain(
		'Remove the control characters (such as NUL or tab) from the text'
	);

	const { plan } = await demoPlan(lead);
	const comment = await lead.post(`/plans/${plan}/comments`, {
		data: { ownerId: 'some-item', body: 'Ship it\u0000' },
		headers: { origin: BASE }
	});
	expect(comment.status()).toBe(400);
	expect(await comment.json()).toEqual({
		error: 'Remove the control characters (such as NUL or tab) from the text'
	});

	const address = await lead.get(`/plans/${plan}%00`);
	expect(address.status()).toBe(400);
	expect(await address.text()).toContain('The address contains a NUL character');
});
