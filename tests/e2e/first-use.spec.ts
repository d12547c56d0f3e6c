import { expect, test } from '@playwright/test';
import {
	cell,
	cellValue,
	demoLeaderPlan,
	showOnly,
	signIn,
	signOffAsLeaders,
	typeInto
} from './helpers';

test('an address with no page says so, and leads back to the workspaces', async ({ page }) => {
	await signIn(page, 'vic@demo.concord', 'concord-demo');
	const response = await page.goto('/plans/no-such-plan/no-such-page');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveText('There is no page at this address');
	await page.getByRole('link', { name: 'Back to your workspaces' }).click();
	await expect(page.getByRole('heading', { name: 'Your workspaces' })).toBeVisible();
});

test('a leader’s save badge tells the truth once steps are locked', async ({ page }) => {
	test.setTimeout(90_000);
	await demoLeaderPlan(page, 'Locked badge', 'Road, RB-1, Aero 56', 3);
	const badge = page.locator('header .save[role="status"]');
	await page.locator('.strip [data-step="1"]').click();
	await signOffAsLeaders(page, 1);

	// A fresh page with step 1 locked: nothing of this leader's is waiting to be saved.
	await page.reload();
	await expect(badge).toHaveText('All changes saved');
	await expect(badge).toBeInViewport();

	// An edit in an open step goes through to saved.
	await showOnly(page, ['Production plan']);
	await typeInto(page, 'RB-1', 'production', '2027-01', '40');
	await expect(await cellValue(page, 'RB-1', 'production', '2027-01')).toHaveText('40');
	await expect(badge).toHaveText('All changes saved');

	// With every step locked the badge says why nothing can be typed.
	await page.locator('.strip [data-step="1"]').click();
	for (const step of [2, 3]) await signOffAsLeaders(page, step);
	await page.reload();
	await expect(badge).toHaveText('All changes saved · your steps are locked');
	await expect(badge).toBeVisible();
});

test('a units cell refuses decimals with a message; money keeps cents and shows its currency', async ({
	page
}) => {
	await demoLeaderPlan(page, 'Decimals and money', 'Road, RB-1, Aero 56', 3);
	await showOnly(page, ['Consensus demand', 'Price', 'Revenue']);
	await typeInto(page, 'RB-1', 'consensus', '2027-01', '12');
	await typeInto(page, 'RB-1', 'consensus', '2027-01', '12.5');
	await expect(page.getByRole('alert')).toHaveText(
		'Consensus demand takes whole numbers, not "12.5"'
	);
	await expect(page.getByRole('alert')).toBeInViewport();
	await page.keyboard.press('Escape');
	await expect(await cellValue(page, 'RB-1', 'consensus', '2027-01')).toHaveText('12');

	await typeInto(page, 'RB-1', 'price', '2027-01', '12.5');
	await expect(await cellValue(page, 'RB-1', 'price', '2027-01')).toHaveText('12.50');
	await expect(await cellValue(page, 'RB-1', 'revenue', '2027-01')).toHaveText('150.00');
	await typeInto(page, 'RB-1', 'consensus', '2027-02', '10000');
	await typeInto(page, 'RB-1', 'price', '2027-02', '12.5');
	// Six-digit money without cents; the key figures name the plan's currency (EUR by default).
	await expect(await cellValue(page, 'RB-1', 'revenue', '2027-02')).toHaveText('125,000');
	await expect(page.locator('[data-kpi="revenue"] .unit')).toHaveText('€125,150 of €0.00');
	// The grid's money rows name the currency beside the measure, where a person reads the row.
	const revenueLabel = page
		.locator('tr', { has: await cell(page, 'RB-1', 'revenue', '2027-02') })
		.locator('th.measure');
	await expect(revenueLabel).toHaveText(/^Revenue\s+EUR$/);
	await expect(revenueLabel.locator('.unit')).toBeVisible();
});
