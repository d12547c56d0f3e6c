import { expect, test, type Page } from '@playwright/test';
import { cellKey } from '../../src/lib/domain/measures.ts';
import { cell, demoLeaderPlan, typeInto } from './helpers';
import { scenarioCells, startScenario } from './scenarios';

const kpi = (page: Page, id: string) =>
	page
		.getByRole('table', { name: 'Key figures: plan and scenarios' })
		.locator(`tr[data-kpi="${id}"]`);

test('compares two scenarios with the live plan as either changes', async ({ page, context }) => {
	const planUrl = await demoLeaderPlan(
		page,
		'Compare plan',
		'Bikes, CB-1, City 1\nParts, PC-1, Chain',
		3
	);
	const planId = new URL(planUrl).pathname.split('/')[2];
	await typeInto(page, 'CB-1', 'consensus', '2027-01', '100');
	await expect(page.getByText('All changes saved')).toBeVisible();
	const cb1 = (await (
		await cell(page, 'CB-1', 'consensus', '2027-01')
	).getAttribute('data-owner'))!;
	const promotion = await startScenario(page, planUrl, 'Promotion');
	const outage = await startScenario(page, planUrl, 'Outage');

	await page.goto(`${planUrl}/scenarios/compare?s=${promotion}&s=${outage}`);
	await expect(
		page.getByRole('heading', { name: 'Compare scenarios: Promotion, Outage' })
	).toBeVisible();
	await expect(page.getByText('These scenarios change nothing yet')).toBeVisible();
	await expect(kpi(page, 'demand').locator('td.plan')).toHaveText('100');

	// Someone works on the scenarios elsewhere; the comparison follows without a reload.
	const promoted = await scenarioCells(page, planId, promotion);
	const outaged = await scenarioCells(page, planId, outage);
	promoted.set(cellKey(cb1, '2027-01', 'consensus'), 150);
	await expect(kpi(page, 'demand').locator(`td[data-scenario="${promotion}"]`)).toHaveText('+50');
	await expect(kpi(page, 'demand').locator(`td[data-scenario="${outage}"]`)).toHaveText('0');
	const changed = page.locator(`tr[data-row="${cb1}:consensus"] td[data-period="2027-01"]`);
	await expect(changed).toBeVisible();
	await expect(changed.locator('.plan-value')).toHaveText('100');
	await expect(changed.locator(`[data-scenario="${promotion}"]`)).toHaveText(/A\s*150\s*\+50/);
	await expect(changed.locator(`[data-scenario="${outage}"]`)).toHaveText(/B\s*=/);
	await expect(page.getByText('These scenarios change nothing yet')).toBeHidden();

	outaged.set(cellKey(cb1, '2027-01', 'consensus'), null);
	await expect(changed.locator(`[data-scenario="${outage}"]`)).toHaveText(/B\s*empty\s*−100/);
	await expect(kpi(page, 'demand').locator(`td[data-scenario="${outage}"]`)).toHaveText('−100');

	// The charts draw the plan's line and one per scenario; the picker changes the measure.
	const chartRow = (series: string) =>
		page.locator(`table[data-chart="compare"] tr[data-series="${series}"] td`).first();
	await expect(chartRow('Plan')).toHaveText('100');
	await expect(chartRow('Promotion')).toHaveText('150');
	await expect(chartRow('Outage')).toHaveText('');
	await page.getByLabel('Chart').selectOption({ label: 'Supply (production + receipts)' });
	await expect(
		page.getByRole('heading', { name: 'Whole plan: Supply (production + receipts)' })
	).toBeVisible();

	// Only the rows that differ, until asked for every row.
	const forecastRow = page.locator(`tr[data-row="${cb1}:forecast"]`);
	await expect(forecastRow).toHaveCount(0);
	await page.getByLabel('Only rows that differ').uncheck();
	await expect(forecastRow).toBeVisible();
	await page.getByLabel('Only rows that differ').check();
	await expect(forecastRow).toHaveCount(0);

	// Narrowed to a family where nothing differs, the grid says so.
	await page.getByLabel('Family').selectOption({ label: 'Parts' });
	await expect(page.getByText('No row of Parts differs')).toBeVisible();
	await expect(
		page.getByRole('heading', { name: 'Parts: Supply (production + receipts)' })
	).toBeVisible();
	await page.getByLabel('Family').selectOption({ label: 'All families' });
	await expect(changed).toBeVisible();

	// An edit of the live plan moves the plan's side of the comparison.
	const board = await context.newPage();
	await board.goto(planUrl);
	await typeInto(board, 'CB-1', 'consensus', '2027-01', '120');
	await expect(board.getByText('All changes saved')).toBeVisible();
	await expect(changed.locator('.plan-value')).toHaveText('120');
	await expect(changed.locator(`[data-scenario="${promotion}"]`)).toHaveText(/A\s*150\s*\+30/);
	await expect(kpi(page, 'demand').locator('td.plan')).toHaveText('120');
	promoted.close();
	outaged.close();
});

test('asks to pick scenarios, and refuses more than three or one it cannot show', async ({
	page
}) => {
	const planUrl = await demoLeaderPlan(page, 'Refusing compare', 'Bikes, CB-1, City 1', 3);
	await page.goto(`${planUrl}/scenarios/compare`);
	await expect(page.getByText('Pick one to three scenarios to compare')).toBeVisible();
	await expect(page.getByRole('link', { name: 'scenarios list' })).toHaveAttribute(
		'href',
		`${new URL(planUrl).pathname}/scenarios`
	);

	const four = await page.goto(`${planUrl}/scenarios/compare?s=a1&s=b2&s=c3&s=d4`);
	expect(four?.status()).toBe(400);
	await expect(page.getByText(/Compare at most three scenarios/)).toBeVisible();

	const unknown = await page.goto(`${planUrl}/scenarios/compare?s=nosuchscenario`);
	expect(unknown?.status()).toBe(404);
	await expect(page.getByText(/does not exist, or you may not see it/)).toBeVisible();
});
