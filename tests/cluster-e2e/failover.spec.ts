/**
 * Two browsers on one plan through HAProxy; the process that serves the plan is killed, and an
 * edit made after it is saved (the badge says so only then) and reaches the other browser.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { cellKey } from '../../src/lib/domain/measures.ts';
import { Cluster } from '../cluster/harness.ts';
import { storedCells } from '../cluster/editor.ts';
import { planWithPeople } from '../cluster/setup.ts';
import { cellValue, typeInto } from '../e2e/helpers.ts';

let cluster: Cluster;
test.beforeAll(async () => {
	test.setTimeout(120_000);
	cluster = await Cluster.start();
});
test.afterAll(() => cluster?.stop());

async function openAs(browser: Browser, cookie: string, path: string): Promise<Page> {
	const context = await browser.newContext();
	const [name, value] = cookie.split('=');
	await context.addCookies([{ name, value, url: cluster.origin }]);
	const page = await context.newPage();
	await page.goto(`${cluster.origin}${path}`);
	return page;
}

test('an edit made after the serving process is killed is saved and seen by the other browser', async ({
	browser
}) => {
	const { planId, items, people, doc } = await planWithPeople(cluster, 2);
	const [a, b] = await Promise.all(
		people.map((p) => openAs(browser, p.cookie, `/plans/${planId}`))
	);

	await typeInto(a, 'F1-1', 'forecast', '2027-01', '111');
	await expect(a.getByText('All changes saved')).toBeVisible();
	await expect(await cellValue(b, 'F1-1', 'forecast', '2027-01')).toHaveText('111');

	const owner = await cluster.nodeOf(planId);
	await cluster.kill(owner, 'SIGKILL');

	await typeInto(a, 'F1-1', 'forecast', '2027-02', '222');
	await expect(a.getByText('All changes saved')).toBeVisible({ timeout: 15_000 });
	const stored = await storedCells(cluster.db, doc);
	expect(stored[cellKey(items[0].id, '2027-02', 'forecast')]).toBe(222);
	await expect(await cellValue(b, 'F1-1', 'forecast', '2027-02')).toHaveText('222', {
		timeout: 10_000
	});
	expect(await cluster.nodeOf(planId)).not.toBe(owner);
});
