import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import {
	cellValue,
	demoLeaderPlan,
	giveRoles,
	showOnly,
	signIn,
	signOffAsLeaders,
	typeInto
} from './helpers';
import { startScenario } from './scenarios';

/**
 * Working through a lost connection: edits wait in this browser (across a reload), are saved when
 * the connection is back, and what met someone else's edit or a lock meanwhile is listed.
 */
const CELL = ['RB-1', 'consensus', '2027-01'] as const;

const banner = (page: Page) => page.getByRole('status').filter({ hasText: /edits? waiting/ });
const listing = (page: Page) => page.getByRole('region', { name: 'Your edits after reconnecting' });

/** A plan page whose service worker is in control, so that it can be reloaded offline. */
async function openControlled(page: Page, planUrl: string) {
	await page.goto(planUrl);
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.reload();
	await expect(page.getByText('All changes saved')).toBeVisible();
	await showOnly(page, ['Consensus demand']);
}

async function secondPerson(browser: Browser, email: string, password: string, planUrl: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, email, password);
	await page.goto(planUrl);
	await expect(page.getByText('All changes saved')).toBeVisible();
	await showOnly(page, ['Consensus demand']);
	return { context, page };
}

async function concordDatabases(page: Page) {
	return page.evaluate(async () =>
		(await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('concord:'))
	);
}

/** What this browser keeps of one plan: its documents' databases and localStorage entries. */
async function keptOf(page: Page, planId: string) {
	const mark = `:${planId}:`;
	return {
		databases: (await concordDatabases(page)).filter((n) => n?.includes(mark)).sort(),
		storage: await page.evaluate(
			(m) => Object.keys(localStorage).filter((k) => k.includes(m)),
			mark
		)
	};
}

const planIdOf = (url: string) => /\/plans\/(\w+)/.exec(url)![1];

/**
 * A plan of one item and month in the demo workspace, made through the new-plan form's own
 * action without its page (cheaper where only opening the plan matters); returns its URL.
 */
async function quickPlan(page: Page, name: string): Promise<string> {
	await page.goto('/');
	const workspace = await page.getByRole('link', { name: 'Demo Cycles Ltd' }).getAttribute('href');
	const made = await page.request.post(`${workspace}/plans/new`, {
		form: { name, startMonth: '2027-01', horizon: '1', hierarchy: 'Road, RB-1, Aero 56' },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
	});
	expect(made.ok()).toBe(true);
	expect(made.url()).toMatch(/\/plans\/\w+$/);
	return new URL(made.url()).pathname;
}

async function goOffline(context: BrowserContext, page: Page) {
	await context.setOffline(true);
	await expect(
		page
			.getByRole('status')
			.filter({ hasText: /^Offline|Connecting/ })
			.first()
	).toBeVisible();
}

/**
 * Cuts the network, types `value` into CELL, and checks that the banner and the save badge count
 * the waiting edit; then reloads while offline: the page opens from this browser's copy with the
 * edit still there and still waiting.
 */
async function editOfflineAndReload(context: BrowserContext, page: Page, value: string) {
	await goOffline(context, page);
	await typeInto(page, ...CELL, value);
	await expect(banner(page)).toHaveText(
		'Offline: 1 edit waiting; they will be saved when you are back.'
	);
	await expect(page.getByText('Offline: 1 unsaved edit')).toBeVisible();
	await page.reload();
	await expect(await cellValue(page, ...CELL)).toHaveText(value);
	await expect(banner(page)).toContainText('1 edit waiting');
}

test('edits made offline survive a reload, are saved when back, and signing out clears them', async ({
	page,
	context,
	browser
}) => {
	test.setTimeout(120_000);
	const planUrl = await demoLeaderPlan(page, 'Offline train', 'Road, RB-1, Aero 56', 3);
	await openControlled(page, planUrl);

	await editOfflineAndReload(context, page, '41');

	await context.setOffline(false);
	await expect(page.getByText('All changes saved')).toBeVisible({ timeout: 20_000 });
	await expect(banner(page)).toBeHidden();
	// Another browser sees it from the server.
	const viewer = await secondPerson(browser, 'lee@demo.concord', 'concord-demo', planUrl);
	await expect(await cellValue(viewer.page, ...CELL)).toHaveText('41');
	await viewer.context.close();

	expect((await concordDatabases(page)).length).toBeGreaterThan(0);
	const signedOut = page.waitForResponse(
		(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/signout'
	);
	await page.getByRole('button', { name: 'Sign out' }).click();
	expect((await (await signedOut).allHeaders())['clear-site-data']).toBe('"cache", "storage"');
	await expect(page).toHaveURL(/\/signin/);
	await expect.poll(() => concordDatabases(page)).toEqual([]);
	expect(await page.evaluate(() => caches.keys())).toEqual([]);
});

/** A plan led by Lee, with Sam made a leader too; both have it open, Lee's page ready for offline. */
async function twoLeaders(page: Page, browser: Browser, name: string) {
	const planUrl = await demoLeaderPlan(page, name, 'Road, RB-1, Aero 56', 3);
	await giveRoles(page, planUrl, { 'Sam Sales': 'leader' });
	await openControlled(page, planUrl);
	return secondPerson(browser, 'sam@demo.concord', 'concord-demo', planUrl);
}

test('an offline edit that meets a newer one ends the same everywhere, and is listed', async ({
	page,
	context,
	browser
}) => {
	test.setTimeout(150_000);
	const sam = await twoLeaders(page, browser, 'Offline clash');

	const samSeen = page.getByRole('button', { name: 'Sam Sales' }).locator('xpath=..');
	await expect(samSeen).toHaveCSS('opacity', '1');
	await goOffline(context, page);
	// Offline, Sam stays in the presence bar as last seen, greyed out.
	await expect(samSeen).toBeVisible();
	await expect(samSeen).toHaveCSS('opacity', '0.4');
	await typeInto(page, ...CELL, '50');
	await typeInto(sam.page, ...CELL, '60');
	await expect(sam.page.getByText('All changes saved')).toBeVisible();

	await context.setOffline(false);
	await expect(page.getByText('All changes saved')).toBeVisible({ timeout: 20_000 });
	await expect(samSeen).toHaveCSS('opacity', '1');
	const met = listing(page);
	await expect(met).toContainText('1 of your edits met newer values');
	await expect(met).toContainText('yours 50, theirs 60');
	const final = await (await cellValue(page, ...CELL)).innerText();
	expect(['50', '60']).toContain(final);
	await expect(await cellValue(sam.page, ...CELL)).toHaveText(final);
	await expect(met).toContainText(`${final === '50' ? 'yours' : 'theirs'} kept`);
	// The cell's history is one click away from the listing.
	await met.getByRole('button', { name: 'History' }).click();
	const changes = page.getByRole('list', { name: 'Changes, newest first' });
	await expect(changes).toBeVisible();
	await expect(changes).toContainText('Sam Sales');
	await expect(changes).toContainText('60');
	await sam.context.close();
});

test('an offline edit to a step locked meanwhile is refused, listed, copied and put in a comment', async ({
	page,
	context,
	browser
}) => {
	test.setTimeout(150_000);
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const sam = await twoLeaders(page, browser, 'Offline lock');

	await goOffline(context, page);
	await typeInto(page, ...CELL, '70');
	await sam.page.locator('.strip [data-step="1"]').click();
	await signOffAsLeaders(sam.page, 1);

	await context.setOffline(false);
	await expect(
		page.getByText('Step 1 is signed off and locked; your edit was not saved', { exact: true })
	).toBeVisible({
		timeout: 20_000
	});
	const refused = listing(page);
	await expect(refused).toContainText('1 of your edits could not be saved');
	await expect(refused).toContainText('RB-1 Aero 56 · Consensus demand');
	await refused.getByRole('button', { name: 'Copy them as text' }).click();
	await expect(refused.getByRole('button', { name: 'Copied' })).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
		/^RB-1 Aero 56 · Consensus demand · .+: 70 \(not saved: Step 1 is signed off and locked/
	);
	await expect(await cellValue(page, ...CELL)).not.toHaveText('70');
	// …or put in a comment on the cell, so the number is not lost to the others either.
	await refused.getByRole('button', { name: 'Put them in a comment' }).click();
	const draft = page.getByRole('combobox', { name: 'New comment' });
	await expect(draft).toBeVisible();
	await expect(draft).toHaveValue(/RB-1 Aero 56 · Consensus demand · .+: 70 \(not saved/);
	await page.getByRole('button', { name: 'Post', exact: true }).click();
	await expect(
		page
			.getByRole('region', { name: 'Comments' })
			.getByText(/: 70 \(not saved/)
			.first()
	).toBeVisible();
	// …or put in a scenario of their own, where the number lives on beside the locked plan.
	await refused.getByRole('button', { name: 'Put them in a scenario' }).click();
	const put = refused.getByRole('form', { name: 'Put them in a scenario' });
	await expect(put.getByLabel('Scenario')).toHaveValue('new');
	await put.getByLabel('Name').fill('Refused offline');
	await put.getByRole('button', { name: 'Put them there' }).click();
	await expect(refused.getByRole('status')).toHaveText(
		'1 edit put in the scenario Refused offline.'
	);
	const scenarioUrl = await refused
		.getByRole('link', { name: 'Refused offline' })
		.getAttribute('href');

	// The refused edit is gone from this browser's copy too: it is not sent again after a reload.
	await page.reload();
	await expect(page.getByText('All changes saved')).toBeVisible();
	await expect(await cellValue(page, ...CELL)).not.toHaveText('70');
	await expect(banner(page)).toBeHidden();
	await expect(page.getByText('signed off and locked')).toBeHidden();

	// The scenario holds the refused value; Sam, a leader, sees it there too.
	await sam.page.goto(scenarioUrl!);
	await showOnly(sam.page, ['Consensus demand']);
	await expect(await cellValue(sam.page, ...CELL)).toHaveText('70');
	await expect(sam.page.getByRole('heading', { name: 'Scenario Refused offline' })).toBeVisible();
	await sam.context.close();
});

test("a scenario's edits wait offline like the plan's, across a reload, and are saved when back", async ({
	page,
	context,
	browser
}) => {
	test.setTimeout(150_000);
	const planUrl = await demoLeaderPlan(page, 'Offline what-if', 'Road, RB-1, Aero 56', 3);
	await giveRoles(page, planUrl, { 'Sam Sales': 'editor' });
	const scenarioId = await startScenario(page, planUrl, 'Offline idea');
	const scenarioUrl = `${planUrl}/scenarios/${scenarioId}`;
	await openControlled(page, scenarioUrl);

	await editOfflineAndReload(context, page, '45');
	await expect(page.getByRole('heading', { name: 'Scenario Offline idea' })).toBeVisible();
	const kept = await keptOf(page, planIdOf(planUrl));
	expect(kept.databases.some((n) => n?.endsWith(`:scenario/${scenarioId}`))).toBe(true);

	await context.setOffline(false);
	await expect(page.getByText('All changes saved')).toBeVisible({ timeout: 20_000 });
	await expect(banner(page)).toBeHidden();
	const sam = await secondPerson(browser, 'sam@demo.concord', 'concord-demo', scenarioUrl);
	await expect(await cellValue(sam.page, ...CELL)).toHaveText('45');
	// The live plan did not move.
	await sam.page.goto(planUrl);
	await showOnly(sam.page, ['Consensus demand']);
	await expect(await cellValue(sam.page, ...CELL)).not.toHaveText('45');
	await sam.context.close();
});

test("losing access to a plan deletes that plan's copy, scenarios included, and only it", async ({
	page,
	browser
}) => {
	test.setTimeout(150_000);
	const planUrl = await demoLeaderPlan(page, 'Offline access', 'Road, RB-1, Aero 56', 3);
	await giveRoles(page, planUrl, { 'Sam Sales': 'editor' });
	const keptUrl = await quickPlan(page, 'Offline kept');
	await giveRoles(page, keptUrl, { 'Sam Sales': 'editor' });
	const scenarioId = await startScenario(page, planUrl, 'Shared idea');
	const [planId, keptId] = [planIdOf(planUrl), planIdOf(keptUrl)];

	const sam = await secondPerson(browser, 'sam@demo.concord', 'concord-demo', keptUrl);
	await sam.page.goto(`${planUrl}/scenarios/${scenarioId}`);
	await expect(sam.page.getByText('All changes saved')).toBeVisible();
	await sam.page.goto(planUrl);
	await expect(sam.page.getByText('All changes saved')).toBeVisible();
	await expect.poll(async () => (await keptOf(sam.page, planId)).databases.length).toBe(4);
	expect((await keptOf(sam.page, keptId)).databases).toHaveLength(3);

	await giveRoles(page, planUrl, { 'Sam Sales': 'none' });
	await expect(sam.page.getByText('The server closed the plan: access revoked')).toBeVisible();
	await expect.poll(() => keptOf(sam.page, planId)).toEqual({ databases: [], storage: [] });
	// Sam's copy of the plan they still work on stays.
	expect((await keptOf(sam.page, keptId)).databases).toHaveLength(3);
	await sam.context.close();
});

test('a browser keeps the ten plans opened last: opening an eleventh drops the oldest', async ({
	page
}) => {
	test.setTimeout(180_000);
	await signIn(page, 'lee@demo.concord', 'concord-demo');
	const plans: string[] = [];
	for (let i = 1; i <= 11; i++) plans.push(planIdOf(await quickPlan(page, `Kept ${i}`)));
	for (const [i, planId] of plans.entries()) {
		await page.goto(`/plans/${planId}`);
		await expect(page.getByText('All changes saved')).toBeVisible();
		if (i < 10)
			await expect.poll(async () => (await keptOf(page, planId)).databases).toHaveLength(3);
	}
	await expect.poll(async () => (await keptOf(page, plans[0])).databases).toEqual([]);
	for (const planId of plans.slice(1)) {
		expect((await keptOf(page, planId)).databases).toHaveLength(3);
	}
});
