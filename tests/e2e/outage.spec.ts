/**
 * A Postgres outage as a person meets it: a second Concord server runs on the machine's Postgres
 * through a proxy that can go silent (a frozen server or network) or cut every connection (a
 * stopped server). Pages must answer 503 "Database unavailable, retrying" within two seconds and
 * come back by themselves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import postgres from 'postgres';
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { OutageProxy } from '../helpers/tcp-proxy';
import { PASSWORD, uniqueEmail } from './helpers';

const POSTGRES = { host: '127.0.0.1', port: 5432 };
const ADMIN_URL = `postgres://postgres@${POSTGRES.host}:${POSTGRES.port}/postgres`;
const UNAVAILABLE = 'Database unavailable, retrying…';

test.describe.configure({ mode: 'serial' });

let proxy: OutageProxy;
let app: ChildProcess;
let base: string;
let signedIn: APIRequestContext;
const database = `concord_outage_${Date.now()}`;

async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

test.beforeAll(async () => {
	test.setTimeout(90_000);
	const admin = postgres(ADMIN_URL, { onnotice: () => {} });
	await admin.unsafe(`create database "${database}"`);
	await admin.end();
	proxy = await OutageProxy.start(POSTGRES);
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	app = spawn('node', ['build/concord/index.mjs'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/${database}`,
			CONCORD_DEMO: 'off'
		},
		stdio: 'ignore'
	});
	await expect
		.poll(
			() =>
				fetch(`${base}/signin`).then(
					(r) => r.status,
					() => 0
				),
			{ timeout: 60_000 }
		)
		.toBe(200);
	signedIn = await request.newContext({ baseURL: base });
	const signUp = await signedIn.post('/signup', {
		form: { name: 'Otto Outage', email: uniqueEmail('otto'), password: PASSWORD },
		headers: { origin: base, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(signUp.status()).toBe(303);
});

test.afterAll(async () => {
	proxy?.restore();
	await signedIn?.dispose();
	if (app && app.exitCode === null) {
		const exited = new Promise((resolve) => app.once('exit', resolve));
		app.kill('SIGTERM');
		await exited;
	}
	await proxy?.close();
	const admin = postgres(ADMIN_URL, { onnotice: () => {} });
	await admin.unsafe(`drop database if exists "${database}" with (force)`);
	await admin.end();
});

/** A GET of the home page, timed. */
async function home(ctx: APIRequestContext) {
	const start = Date.now();
	const res = await ctx.get('/', { headers: { accept: 'text/html' }, maxRedirects: 0 });
	return { status: res.status(), ms: Date.now() - start, body: await res.text(), res };
}

async function backToNormal() {
	proxy.restore();
	await expect.poll(async () => (await home(signedIn)).status, { timeout: 15_000 }).toBe(200);
}

test('a silent database gets a 503 within two seconds, for signed-in pages and for sign-in', async () => {
	expect((await home(signedIn)).status).toBe(200);
	proxy.silence();
	try {
		const page = await home(signedIn);
		expect(page.status).toBe(503);
		expect(page.ms).toBeLessThan(2500);
		expect(page.body).toContain(UNAVAILABLE);

		// Signed out, the sign-in action is the first to ask the database.
		const anonymous = await request.newContext({ baseURL: base });
		const start = Date.now();
		const signIn = await anonymous.post('/signin', {
			form: { email: uniqueEmail('nobody'), password: 'whatever-it-is' },
			headers: { origin: base, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(signIn.status()).toBe(503);
		expect(Date.now() - start).toBeLessThan(2500);
		expect(signIn.headers()['retry-after']).toBe('5');
		expect(await signIn.text()).toContain(UNAVAILABLE);
		await anonymous.dispose();
	} finally {
		await backToNormal();
	}
});

test('a stopped database gets a 503 at once, not a 500', async () => {
	proxy.cut();
	try {
		const page = await home(signedIn);
		expect(page.status).toBe(503);
		expect(page.ms).toBeLessThan(2500);
		expect(page.body).toContain(UNAVAILABLE);
	} finally {
		await backToNormal();
	}
});

test('the page says the database is away and comes back by itself', async ({ browser }) => {
	const context = await browser.newContext({ storageState: await signedIn.storageState() });
	const page = await context.newPage();
	await page.goto(`${base}/`);
	await expect(page.getByRole('heading', { name: 'Your workspaces' })).toBeVisible();
	proxy.silence();
	await page.reload();
	await expect(page.getByRole('alert')).toHaveText(UNAVAILABLE);
	await expect(page.getByRole('alert')).toBeInViewport();
	proxy.restore();
	// Nobody reloads: the page tries again by itself.
	await expect(page.getByRole('heading', { name: 'Your workspaces' })).toBeVisible({
		timeout: 15_000
	});
	await context.close();
});
