import { expect, test } from '@playwright/test';
import { holdScripts, showOnly, signIn } from './helpers';

test('a pasted list with a header row and quoted names is previewed, then created as shown', async ({
	page
}) => {
	await signIn(page, 'lee@demo.concord', 'concord-demo');
	await page.getByRole('link', { name: 'Demo Cycles Ltd' }).click();
	await page.getByRole('link', { name: 'New plan' }).click();
	await page.getByLabel('Name', { exact: true }).fill('Pasted CSV plan');
	await page.getByLabel('First month').fill('2027-01');
	await page.getByLabel('Horizon (months)').fill('6');
	const items = page.getByLabel('Product families and items');
	const list =
		'Family, SKU, Item name\nRoad bikes, RB-1, Aero 56\nRoad bikes, RB-2, "Aero 58, red"\nParts, AC-1, Helmet';
	await items.fill(`${list}\nParts, ac-1, Bell`);

	// Problems are listed with their line before anything is sent.
	const preview = page.getByRole('region', { name: 'What will be created' });
	await expect(preview.getByText('Line 5: SKU ac-1 appears twice (first on line 4)')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Create plan' })).toBeDisabled();

	await items.fill(list);
	await expect(preview.getByRole('status')).toHaveText('2 families, 3 items will be created');
	await expect(preview.getByText('line 1 read as column names')).toBeVisible();
	const row = preview.getByRole('row').filter({ hasText: 'RB-2' });
	await expect(row).toBeInViewport();
	await expect(row.getByRole('cell')).toHaveText(['Road bikes', 'RB-2', 'Aero 58, red']);
	await expect(preview.getByRole('cell', { name: 'Family', exact: true })).toHaveCount(0);

	await page.getByRole('button', { name: 'Create plan' }).click();
	await expect(page.getByRole('heading', { name: 'Pasted CSV plan' })).toBeVisible();
	await showOnly(page, ['Sales forecast']);
	await expect(page.locator('tbody tr.family th.item')).toHaveText([
		/^\W*Road bikes \(2\)\s*$/,
		/^\W*Parts \(1\)\s*$/
	]);
	const item = page.locator('tbody th.item').filter({ hasText: 'RB-2' });
	await expect(item).toBeVisible();
	// The name as written, without its CSV quotes; its ABC/XYZ class badge may follow.
	await expect(item).toHaveText(/^RB-2 Aero 58, red(\s+[ABC][XYZ]?)?\s*$/);
});

test('a list pasted before the page has finished loading is kept, previewed and created', async ({
	browser
}) => {
	// Without the service worker, whose cached scripts would not be held back below.
	const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
	await signIn(page, 'lee@demo.concord', 'concord-demo');
	const newPlanUrl = await page
		.getByRole('link', { name: 'Demo Cycles Ltd' })
		.evaluate((a) => (a as HTMLAnchorElement).href + '/plans/new');
	const release = await holdScripts(page);
	await page.goto(newPlanUrl, { waitUntil: 'commit' });
	const items = page.getByLabel('Product families and items');
	await items.fill('Road bikes, EP-1, Early 56\nRoad bikes, EP-2, Early 58');
	const preview = page.getByRole('region', { name: 'What will be created' });
	await expect(preview).toHaveCount(0);

	release();
	await expect(preview.getByRole('status')).toHaveText('1 family, 2 items will be created');
	await expect(items).toHaveValue('Road bikes, EP-1, Early 56\nRoad bikes, EP-2, Early 58');
	const name = `Early paste ${Date.now()}`;
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByRole('button', { name: 'Create plan' }).click();
	await expect(page.getByRole('heading', { name })).toBeVisible();
	await showOnly(page, ['Sales forecast']);
	await expect(page.locator('tbody th.item').filter({ hasText: 'EP-2' })).toBeVisible();
});

test('a viewer is not offered "New plan", and is told why and whom to ask', async ({ page }) => {
	await signIn(page, 'vic@demo.concord', 'concord-demo');
	await page.getByRole('link', { name: 'Demo Cycles Ltd' }).click();
	await expect(page.getByRole('link', { name: 'New plan' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'New plan' })).toBeDisabled();
	await expect(page.getByText('Viewers cannot create plans')).toBeVisible();
	await expect(page.getByText('Ask Lee Leader if you need one.')).toBeVisible();
});
