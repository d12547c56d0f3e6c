import { expect, test } from '@playwright/test';
import { cell, cellValue, expectRefusal, signUp, uniqueEmail } from './helpers';

test('two people edit one plan live, see each other, and the edits survive a reload', async ({
	browser
}) => {
	const lead = await browser.newContext();
	const sales = await browser.newContext();
	const a = await lead.newPage();
	const b = await sales.newPage();

	// The leader signs up, creates a workspace and a plan.
	await signUp(a, 'Ada Leader', uniqueEmail('ada'));
	await a.getByLabel('Name').fill('Northwind');
	await a.getByRole('button', { name: 'Create workspace' }).click();
	await expect(a.getByRole('heading', { name: 'Northwind' })).toBeVisible();
	await a.getByRole('link', { name: 'New plan' }).click();
	await a.getByLabel('Name', { exact: true }).fill('January cycle');
	await a.getByLabel('First month').fill('2027-01');
	await a.getByLabel('Horizon (months)').fill('6');
	await a
		.getByLabel('Product families and items')
		.fill('Road bikes, RB-1, Aero 56\nRoad bikes, RB-2, Aero 58\nAccessories, AC-1, Helmet');
	await a.getByRole('button', { name: 'Create plan' }).click();
	await expect(a.getByRole('heading', { name: 'January cycle' })).toBeVisible();
	const planUrl = a.url();

	// The leader invites a sales colleague, who joins through the link.
	await a.getByRole('link', { name: 'Northwind' }).click();
	const salesEmail = uniqueEmail('sam');
	await a.getByLabel('Email').fill(salesEmail);
	await a.getByRole('combobox', { name: 'Function', exact: true }).selectOption('sales');
	await a.getByRole('button', { name: 'Create invite link' }).click();
	const link = await a.getByLabel('Invite link').inputValue();
	await b.goto(link);
	await b.getByRole('link', { name: 'Create an account' }).click();
	await expect(b).toHaveURL(/\/signup\?next=/);
	await expect(b.getByLabel('Email')).toHaveValue(salesEmail);
	// Creating the account from the invite accepts it.
	await signUp(b, 'Sam Sales', salesEmail, null);
	await expect(b.getByRole('heading', { name: 'Northwind' })).toBeVisible();

	// Without a role on the plan, the plan is not there for them.
	const denied = await b.goto(planUrl);
	expect(denied?.status()).toBe(404);

	// The leader makes them an editor of the plan.
	await a.goto(planUrl + '/members');
	await a.getByLabel('Role of Sam Sales').selectOption('editor');
	await expect(a.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

	await a.goto(planUrl);
	await b.goto(planUrl);
	await expect(a.getByText('All changes saved')).toBeVisible();
	await expect(b.getByText('All changes saved')).toBeVisible();

	// Presence: each sees the other in the plan.
	await expect(a.getByRole('button', { name: 'Sam Sales' })).toBeVisible();
	await expect(b.getByRole('button', { name: 'Ada Leader' })).toBeVisible();

	// Sam types a forecast; Ada sees it, and sees where Sam is.
	const samCell = await cell(b, 'RB-1', 'forecast', '2027-02');
	await samCell.click();
	await b.keyboard.type('1250');
	await b.keyboard.press('Enter');
	await expect(await cellValue(a, 'RB-1', 'forecast', '2027-02')).toHaveText('1,250');
	// Enter moved Sam down to the next measure; Ada sees Sam's marker there.
	const samNow = await cell(a, 'RB-1', 'marketing', '2027-02');
	await expect(samNow).toHaveClass(/peer/);
	await expect(samNow.locator('.tag')).toHaveText('Sam Sales');

	// Ada edits a different cell at the same time as Sam edits another.
	await (await cell(a, 'AC-1', 'production', '2027-01')).click();
	await a.keyboard.type('300');
	await (await cell(b, 'RB-2', 'consensus', '2027-04')).click();
	await b.keyboard.type('75');
	await Promise.all([a.keyboard.press('Enter'), b.keyboard.press('Enter')]);
	await expect(await cellValue(b, 'RB-2', 'consensus', '2027-04')).toHaveText('75');
	await expect(await cellValue(a, 'AC-1', 'production', '2027-01')).toHaveText('300');
	await expect(await cellValue(b, 'AC-1', 'production', '2027-01')).toHaveText('300');
	await expect(await cellValue(a, 'RB-2', 'consensus', '2027-04')).toHaveText('75');

	// Sales may not change production: the cell refuses and says why.
	const production = await cell(b, 'AC-1', 'production', '2027-02');
	await production.click();
	await b.keyboard.type('9');
	await expectRefusal(b, production, 'step 2');
	await expect(await cellValue(b, 'AC-1', 'production', '2027-02')).toHaveText('');

	// Bad input is refused with a message and never reaches the others.
	const forecast = await cell(b, 'RB-1', 'forecast', '2027-05');
	await forecast.click();
	await b.keyboard.type('12abc');
	await b.keyboard.press('Enter');
	await expectRefusal(b, forecast, 'not a number');
	await b.keyboard.press('Escape');
	// A good edit sent after it arrives, so the bad one would have arrived before it.
	await (await cell(b, 'RB-1', 'forecast', '2027-06')).click();
	await b.keyboard.type('40');
	await b.keyboard.press('Enter');
	await expect(await cellValue(a, 'RB-1', 'forecast', '2027-06')).toHaveText('40');
	await expect(await cellValue(a, 'RB-1', 'forecast', '2027-05')).toHaveText('');

	// Everything is saved and still there after a reload.
	await expect(a.getByText('All changes saved')).toBeVisible();
	await expect(b.getByText('All changes saved')).toBeVisible();
	await a.reload();
	await expect(await cellValue(a, 'RB-1', 'forecast', '2027-02')).toHaveText('1,250');
	await expect(await cellValue(a, 'AC-1', 'production', '2027-01')).toHaveText('300');
	await expect(await cellValue(a, 'RB-2', 'consensus', '2027-04')).toHaveText('75');

	await lead.close();
	await sales.close();
});
