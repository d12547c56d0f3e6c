import { expect, test, type Browser, type Page } from '@playwright/test';
import { cell, cellValue, demoLeaderPlan, giveRoles, signIn, typeInto } from './helpers';

const MONTH = '2027-03';
const SKU = 'RO-101';
let plans = 0;

// Three people's browsers and sign-ins: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

/** A plan of its own, led by Lee, with Sam (sales editor) and Olu (a second leader) on it. */
async function freshPlan(browser: Browser): Promise<{ lee: Page; planUrl: string }> {
	const lee = await (await browser.newContext()).newPage();
	const planUrl = await demoLeaderPlan(
		lee,
		`History ${++plans} ${Date.now()}`,
		`Road bikes, ${SKU}, Aero 58\nRoad bikes, RO-102, Aero 56`
	);
	await giveRoles(lee, planUrl, { 'Sam Sales': 'editor', 'Olu Operations': 'leader' });
	await expect(lee.getByText('All changes saved')).toBeVisible();
	return { lee, planUrl };
}

async function openPlan(browser: Browser, email: string, planUrl: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email, 'concord-demo');
	await page.goto(planUrl);
	await expect(page.getByText('All changes saved')).toBeVisible({ timeout: 30_000 });
	return page;
}

/** Pastes `text` into the grid at the selected cell, as the clipboard would deliver it. */
async function paste(page: Page, text: string) {
	await page.getByRole('grid', { name: 'Plan grid' }).evaluate((grid, value) => {
		const data = new DataTransfer();
		data.setData('text/plain', value);
		grid.dispatchEvent(
			new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
		);
	}, text);
}

test("a cell's history lists three edits by three people, from what to what and how", async ({
	browser
}) => {
	const { lee, planUrl } = await freshPlan(browser);
	const sam = await openPlan(browser, 'sam@demo.concord', planUrl);
	const olu = await openPlan(browser, 'olu@demo.concord', planUrl);

	await typeInto(lee, SKU, 'forecast', MONTH, '100');
	await expect(await cellValue(sam, SKU, 'forecast', MONTH)).toHaveText('100');
	await typeInto(sam, SKU, 'forecast', MONTH, '200');
	await expect(await cellValue(olu, SKU, 'forecast', MONTH)).toHaveText('200');
	await (await cell(olu, SKU, 'forecast', MONTH)).click();
	await paste(olu, '300');
	await expect(await cellValue(lee, SKU, 'forecast', MONTH)).toHaveText('300');
	for (const page of [lee, sam, olu])
		await expect(page.getByText('All changes saved')).toBeVisible();

	// Lee opens it with the shortcut on the focused cell.
	await (await cell(lee, SKU, 'forecast', MONTH)).click();
	await lee.keyboard.press('Alt+H');
	const panel = lee.getByRole('complementary', { name: 'Cell history' });
	await expect(panel).toBeVisible();
	await expect(panel).toContainText('RO-101 Aero 58 · Sales forecast · Mar 27');
	const entries = panel.getByRole('list', { name: 'Changes, newest first' }).getByRole('listitem');
	await expect(entries).toHaveCount(3);
	await expect(entries.nth(0)).toContainText('Olu Operations');
	await expect(entries.nth(0)).toContainText('200 → 300');
	await expect(entries.nth(0)).toContainText('pasted');
	await expect(entries.nth(1)).toContainText('Sam Sales');
	await expect(entries.nth(1)).toContainText('100 → 200');
	await expect(entries.nth(1)).toContainText('typed');
	await expect(entries.nth(2)).toContainText('Lee Leader');
	await expect(entries.nth(2)).toContainText('→ 100');
	for (let i = 0; i < 3; i++) await expect(entries.nth(i)).toBeInViewport();

	// Sam opens it from the cell's context menu, and it follows a new edit live.
	await (await cell(sam, SKU, 'forecast', MONTH)).click({ button: 'right' });
	const menu = sam.getByRole('menu');
	await expect(menu).toBeVisible();
	await menu.getByRole('menuitem', { name: /History/ }).click();
	const samPanel = sam.getByRole('complementary', { name: 'Cell history' });
	await expect(samPanel.getByRole('listitem')).toHaveCount(3);
	await typeInto(lee, SKU, 'forecast', MONTH, '350');
	await expect(samPanel.getByRole('listitem').first()).toContainText('300 → 350');
	await expect(samPanel.getByRole('listitem').first()).toContainText('Lee Leader');
});

test('changes since: changed cells are marked and counted, and Next goes to one', async ({
	browser
}) => {
	const { lee, planUrl } = await freshPlan(browser);
	const sam = await openPlan(browser, 'sam@demo.concord', planUrl);
	await typeInto(lee, SKU, 'forecast', '2027-02', '40');
	await typeInto(lee, 'RO-102', 'forecast', '2027-04', '50');
	await expect(lee.getByText('All changes saved')).toBeVisible();

	await sam.getByLabel('Show changes since').selectOption({ label: 'the plan was created' });
	await expect(sam.getByText('2 cells changed', { exact: true })).toBeVisible();
	// Marked where they are, and only they (the grid renders the rows in view).
	await expect(await cell(sam, SKU, 'forecast', '2027-02')).toHaveClass(/since/);
	await expect(sam.locator('td.since')).toHaveCount(1);
	await expect(await cell(sam, SKU, 'forecast', '2027-01')).not.toHaveClass(/since/);
	await expect(await cell(sam, 'RO-102', 'forecast', '2027-04')).toHaveClass(/since/);
	await expect(sam.locator('td.since').first()).toBeVisible();
	await expect(sam.getByText('changed cell')).toBeVisible();

	await sam.getByRole('button', { name: 'Next ▶' }).click();
	const focused = sam.locator('td.focus');
	await expect(focused).toHaveAttribute('data-sku', SKU);
	await expect(focused).toHaveAttribute('data-period', '2027-02');
	await expect(focused).toHaveClass(/since/);
	await sam.keyboard.press('Alt+N');
	await expect(focused).toHaveAttribute('data-sku', 'RO-102');
	await expect(focused).toHaveAttribute('data-period', '2027-04');

	// A change made while the marks are on joins them.
	await typeInto(lee, SKU, 'consensus', '2027-05', '70');
	await expect(sam.getByText('3 cells changed', { exact: true })).toBeVisible();
	await expect(await cell(sam, SKU, 'consensus', '2027-05')).toHaveClass(/since/);
});
