import { expect, test } from '@playwright/test';
import {
	approvePlan,
	cellValue,
	demoLeaderPlan,
	showOnly,
	signOffAsLeaders,
	stepCard,
	typeInto
} from './helpers';

// Far from the server's UTC, so that a time rendered on the server in UTC would show.
test.use({ timezoneId: 'Pacific/Auckland' });

test('a leader approves the plan into a version, views and exports it, and starts the next cycle', async ({
	page
}) => {
	test.setTimeout(120_000);
	const planUrl = await demoLeaderPlan(page, 'Approval run', 'Road, RB-1, Aero 56', 3);
	await showOnly(page, ['Consensus demand', 'Price', 'Revenue']);
	await typeInto(page, 'RB-1', 'consensus', '2027-01', '10');
	await typeInto(page, 'RB-1', 'price', '2027-01', '25');
	await typeInto(page, 'RB-1', 'consensus', '2027-02', '12');
	await expect(await cellValue(page, 'RB-1', 'revenue', '2027-01')).toHaveText('250.00');

	await page.locator('.strip [data-step="1"]').click();
	// Approval waits for steps 1–3, and says so.
	await expect(stepCard(page, 4).getByRole('button', { name: 'Approve the plan' })).toBeDisabled();
	await expect(stepCard(page, 4)).toContainText('Approval needs steps 1–3 locked first');

	// This leader runs the cycle alone: steps 1–3 need only the leaders' sign-off.
	for (const step of [1, 2, 3]) await signOffAsLeaders(page, step);
	await stepCard(page, 4).getByLabel('Remark with approve the plan').fill('Go');
	await approvePlan(page, 1);

	// Every time reads one way, on the reader's clock: the cycle panel's and the version page's.
	const approvedAt = page
		.locator('li', { has: page.getByRole('link', { name: 'Version 1' }) })
		.locator('time');
	await expect(approvedAt).toHaveText(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/);
	const shown = await approvedAt.innerText();
	const utc = new Date().toISOString().slice(11, 16);
	expect(shown).not.toContain(utc);

	// The version is the plan as approved, derived values included.
	await page.getByRole('link', { name: 'Version 1' }).click();
	await expect(page.getByText('Approved version 1', { exact: true })).toBeVisible();
	await expect(page.locator('.approved time')).toHaveText(shown);
	await expect(page.getByText('Money in EUR.')).toBeVisible();
	await expect(page.getByText('approved by Lee Leader')).toBeVisible();
	await expect(page.getByRole('row', { name: /^Revenue/ }).first()).toContainText('250.00');
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download CSV' }).click();
	const csv = await (await download).createReadStream();
	let text = '';
	for await (const chunk of csv) text += chunk;
	expect(text).toMatch(/Item,Road,RB-1,Aero 56,Revenue,250,/);

	// The next cycle starts a month later from these numbers.
	await page.goto(planUrl);
	await page.locator('.strip [data-step="1"]').click();
	await page.getByLabel('Name of the next cycle').fill('Approval run — Feb');
	await page.getByRole('button', { name: 'Start next cycle' }).click();
	await expect(page.getByRole('heading', { name: 'Approval run — Feb' })).toBeVisible();
	await expect(page.locator('.strip [data-step="1"]')).toHaveAttribute('data-status', 'open');
	await expect(page.locator('th.period').first()).toHaveText('Feb 27');
	await expect(await cellValue(page, 'RB-1', 'consensus', '2027-02')).toHaveText('12');
});
