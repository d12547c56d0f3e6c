import { expect, test, type Page } from '@playwright/test';
import { approvePlan, demoLeaderPlan, signOffAsLeaders, stepCard } from './helpers';

async function startScenario(page: Page, name: string) {
	const form = page.getByRole('form', { name: 'Start a scenario' });
	await form.getByLabel('Name', { exact: true }).fill(name);
	await form.getByRole('button', { name: 'Start scenario' }).click();
}

test('a leader starts a scenario, sees it listed, and the approval records it as chosen', async ({
	page
}) => {
	test.setTimeout(120_000);
	const planUrl = await demoLeaderPlan(page, 'Scenario run', 'Road, RB-1, Aero 56', 3);

	await page.getByRole('link', { name: 'Scenarios', exact: true }).click();
	await expect(
		page.getByText('No scenarios yet: start one to try a what-if without touching the plan.')
	).toBeVisible();

	await startScenario(page, 'Summer promo');
	// It opens on its own board.
	await expect(page).toHaveURL(/\/scenarios\/\w+$/);
	await page.goto(`${planUrl}/scenarios`);
	const row = page
		.getByRole('row')
		.filter({ has: page.getByRole('link', { name: 'Summer promo' }) });
	await expect(row).toContainText('Lee Leader');
	await expect(row).toContainText('Live plan');
	await expect(row).toContainText('Everyone on the plan');
	await expect(row).toContainText('Open');
	// Nothing changed yet: no cells, no levers, no KPI moved.
	await expect(row.locator('td.number')).toHaveText(['0', '0']);
	await expect(row.locator('ul').first().locator('[data-kpi="demand"]')).toHaveText(
		/Consensus demand\s*0$/
	);
	await expect(row.locator('ul').first().locator('[data-kpi="revenue"]')).toHaveText(
		/Revenue\s*€0\.00$/
	);

	// A name is the plan's once, whatever its letters.
	await startScenario(page, 'SUMMER promo');
	await expect(page.getByRole('alert')).toHaveText(
		'This plan already has a scenario called “SUMMER promo”; choose another name'
	);
	await expect(page.getByLabel('Name', { exact: true })).toHaveValue('SUMMER promo');

	// Ticked scenarios open side by side.
	await page.getByRole('checkbox', { name: 'Compare Summer promo' }).check();
	await page.getByRole('button', { name: 'Compare' }).click();
	await expect(page).toHaveURL(/\/scenarios\/compare\?s=\w+$/);

	// The executive review weighs it, and the approval says which one it chose.
	await page.goto(planUrl);
	await page.locator('.strip [data-step="1"]').click();
	const review = page.getByRole('region', { name: 'Scenarios for the executive review' });
	await expect(review.getByRole('link', { name: 'Summer promo' })).toBeVisible();
	await expect(review.locator('[data-kpi="demand"]').first()).toHaveText(/Consensus demand\s*0$/);
	for (const step of [1, 2, 3]) await signOffAsLeaders(page, step);
	await stepCard(page, 4).getByLabel('Scenario chosen').selectOption({ label: 'Summer promo' });
	await approvePlan(page, 1);
	const version = page.locator('li', { has: page.getByRole('link', { name: 'Version 1' }) });
	await expect(version).toContainText('Chosen scenario: Summer promo');

	await page.getByRole('link', { name: 'Version 1' }).click();
	await expect(page.getByText('Approved version 1', { exact: true })).toBeVisible();
	await expect(page.getByText('Chosen scenario: Summer promo')).toBeVisible();
});
