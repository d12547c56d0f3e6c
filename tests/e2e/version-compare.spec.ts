import { expect, test } from '@playwright/test';
import {
	approvePlan,
	demoLeaderPlan,
	holdScripts,
	showOnly,
	signOffAsLeaders,
	stepCard,
	typeInto
} from './helpers';

test('a leader approves twice and compares the versions: the changed cell, the KPI delta, the filter', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	await demoLeaderPlan(page, 'Compare run', 'Road, RB-1, Aero 56', 3);
	await showOnly(page, ['Consensus demand', 'Price']);
	await typeInto(page, 'RB-1', 'consensus', '2027-01', '10');
	await typeInto(page, 'RB-1', 'consensus', '2027-02', '120');
	await typeInto(page, 'RB-1', 'price', '2027-01', '25');

	await page.locator('.strip [data-step="1"]').click();
	for (const step of [1, 2, 3]) await signOffAsLeaders(page, step);
	await approvePlan(page, 1);

	// Reopening step 1 reopens the approval too; the change is signed off and approved again.
	await stepCard(page, 1).getByRole('button', { name: 'Reopen…' }).click();
	await stepCard(page, 1).getByLabel('Why does step 1 reopen?').fill('Late order from Acme');
	await stepCard(page, 1).getByRole('button', { name: 'Reopen step 1' }).click();
	await expect(page.locator('.strip [data-step="1"]')).toHaveAttribute('data-status', 'open');
	await typeInto(page, 'RB-1', 'consensus', '2027-02', '150');
	await expect(page.getByText('All changes saved')).toBeVisible();
	await stepCard(page, 1).getByRole('button', { name: 'Sign off as Leaders' }).click();
	await expect(stepCard(page, 1).getByText('Locked', { exact: true })).toBeVisible();
	await approvePlan(page, 2);

	await page.getByRole('link', { name: 'Version 2', exact: true }).click();
	await page.getByRole('link', { name: 'Compare with version 1' }).click();
	await expect(
		page.getByRole('heading', { name: 'Compare run: Version 1 against Version 2' })
	).toBeVisible();

	// The KPI table: A, B and B − A.
	const demand = page.getByRole('row', { name: /^Consensus demand \d/ });
	await expect(demand.getByRole('cell')).toHaveText(['130', '160', '+30']);
	// A change is coloured (and worded) for the better or the worse; a ratio's is in points.
	const gap = page.getByRole('row', { name: /^Supply − demand / });
	await expect(gap.getByRole('cell').last()).toHaveText('−30 (worse)');
	await expect(gap.locator('.worse')).toBeVisible();
	const fill = page.getByRole('row', { name: /^Fill rate / });
	await expect(fill.getByRole('cell').last()).toHaveText(/ pts/);

	// The changed cell holds both values and the difference; the unchanged months read plainly.
	const consensus = page.getByRole('row', { name: /RB-1 · Aero 56 Consensus demand/ });
	await expect(consensus.getByRole('cell')).toHaveText(['10', '120 → 150 (+30)', '']);
	const price = page.getByRole('row', { name: /RB-1 · Aero 56 Price/ });
	await expect(price).toHaveCount(0);

	// Rows that do not differ appear once the filter is off, and go again when it is on.
	const only = page.getByLabel('Only rows that differ');
	await expect(only).toBeChecked();
	await only.uncheck();
	await expect(price).toBeVisible();
	await expect(price.getByRole('cell').first()).toHaveText('25.00');
	await expect(page).toHaveURL(/only=0/);
	await page.getByLabel('Only rows that differ').check();
	await expect(price).toHaveCount(0);
	await expect(consensus).toBeVisible();

	// Versions picked before the page's script has run are the ones compared: starting the script
	// does not put the page's pair back. A new context, so no script comes from a cache.
	const context = await browser.newContext({ storageState: await page.context().storageState() });
	const early = await context.newPage();
	const release = await holdScripts(early);
	await early.goto(page.url(), { waitUntil: 'commit' });
	const pickA = early.locator('select[name="a"]');
	const pickB = early.locator('select[name="b"]');
	await pickA.selectOption('2');
	await pickB.selectOption('1');
	release();
	// Started: Svelte has taken over the picker (it keeps its value or default on the element).
	await expect
		.poll(() => pickA.evaluate((el) => '__value' in el || '__defaultValue' in el))
		.toBe(true);
	await expect(pickA).toHaveValue('2');
	await expect(pickB).toHaveValue('1');
	await early.getByRole('button', { name: 'Compare', exact: true }).click();
	await expect(
		early.getByRole('heading', { name: 'Compare run: Version 2 against Version 1' })
	).toBeVisible();
	// Going back shows the earlier pair, in the table and in the pickers.
	await early.goBack();
	await expect(
		early.getByRole('heading', { name: 'Compare run: Version 1 against Version 2' })
	).toBeVisible();
	await expect(pickA).toHaveValue('1');
	await expect(pickB).toHaveValue('2');
	await context.close();
});
