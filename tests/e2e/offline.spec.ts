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

async function goOffline(context: BrowserContext, page: Page) {
	await context.setOffline(true);
	await expect(
		page
			.getByRole('status')
			.filter({ hasText: /^Offline|Connecting/ })
			.first()
	).toBeVisible();
}

test('edits made offline survive a reload, are saved when back, and signing out clears them', async ({
	page,
	context,
	browser
}) => {
	test.setTimeout(120_000);
	const planUrl = await demoLeaderPlan(page, 'Offline train', 'Road, RB-1, Aero 56', 3);
	await openControlled(page, planUrl);

	await goOffline(context, page);
	await typeInto(page, ...CELL, '41');
	await expect(banner(page)).toHaveText(
		'Offline: 1 edit waiting; they will be saved when you are back.'
	);
	await expect(page.getByText('Offline: 1 unsaved edit')).toBeVisible();

	// A reload while offline opens the plan from this browser's copy, the edit still waiting.
	await page.reload();
	await expect(await cellValue(page, ...CELL)).toHaveText('41');
	await expect(banner(page)).toContainText('1 edit waiting');

	await context.setOffline(false);
	await expect(page.getByText('All changes saved')).toBeVisible({ timeout: 20_000 });
	await expect(banner(page)).toBeHidden();
	// Another browser sees it from the server.
	const viewer = await secondPerson(browser, 'lee@demo.concord', 'concord-demo', planUrl);
	await expect(await cellValue(viewer.page, ...CELL)).toHaveText('41');
	await viewer.context.close();

	expect((await concordDatabases(page)).length).toBeGreaterThan(0);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/signin/);
	await expect.poll(() => concordDatabases(page)).toEqual([]);
	expect(await page.evaluate(() => caches.keys())).toEqual([]);
});
