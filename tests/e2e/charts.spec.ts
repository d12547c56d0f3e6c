import { expect, test, type Page } from '@playwright/test';
import { demoLeaderPlan, showOnly, typeInto } from './helpers';

const kpi = (page: Page, name: string) => page.locator(`[data-kpi="${name}"] strong`);
const series = (page: Page, chart: string, label: string) =>
	page.locator(`table[data-chart="${chart}"] tr[data-series="${label}"] td`);

test('the KPI strip and the charts follow edits live and the selection', async ({ page }) => {
	await demoLeaderPlan(page, 'Chart plan', 'Bikes, CB-1, City 1\nBikes, CB-2, City 2', 3);
	await showOnly(page, [
		'Consensus demand',
		'Production plan',
		'Price',
		'Unit cost',
		'Safety-stock target'
	]);
	await expect(page.getByRole('heading', { name: 'Whole plan' })).toBeVisible();
	// Each chart is drawn once the plan has loaded, and only then offers its PNG.
	await expect(page.getByText('Drawn once the plan has loaded')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'PNG' })).toHaveCount(4);
	for (const button of await page.getByRole('button', { name: 'PNG' }).all()) {
		await expect(button).toBeEnabled();
	}
	// Under a family filter the charts are that family's, and say so.
	await page.getByLabel('Family', { exact: true }).selectOption({ label: 'Bikes' });
	await expect(page.getByRole('heading', { name: 'Bikes', exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Whole plan' })).toHaveCount(0);
	await page.getByLabel('Family', { exact: true }).selectOption({ label: 'All families' });
	await expect(page.getByRole('heading', { name: 'Whole plan' })).toBeVisible();
	await expect(kpi(page, 'demand')).toHaveText('0');
	await expect(series(page, 'balance', 'Consensus demand')).toHaveText(['', '', '']);

	await typeInto(page, 'CB-1', 'consensus', '2027-02', '120');
	await expect(kpi(page, 'demand')).toHaveText('120');
	await expect(series(page, 'balance', 'Consensus demand')).toHaveText(['', '120', '']);
	// No supply against that demand: a stock-out in February and March, short by 120.
	await expect(kpi(page, 'gap')).toHaveText('-120');
	await expect(kpi(page, 'stockout')).toHaveText('2');

	await typeInto(page, 'CB-1', 'production', '2027-02', '150');
	await expect(kpi(page, 'stockout')).toHaveText('0');
	await expect(series(page, 'inventory', 'Projected inventory')).toHaveText(['0', '30', '30']);

	await typeInto(page, 'CB-1', 'price', '2027-02', '10');
	await typeInto(page, 'CB-1', 'cost', '2027-02', '6');
	await expect(kpi(page, 'margin')).toHaveText('40%');
	// The charts follow the selected row: back on the plan total (scrolled back up to it), revenue
	// is 120 × 10 in February.
	await page.getByRole('grid', { name: 'Plan grid' }).evaluate((grid) => grid.scrollTo({ top: 0 }));
	await page.locator('tr.total td[data-period="2027-01"]').first().click();
	await expect(page.getByRole('heading', { name: 'Whole plan' })).toBeVisible();
	await expect(series(page, 'finance', 'Revenue')).toHaveText(['0', '1200', '0']);

	// Selecting an item's cell shows that item's charts.
	await typeInto(page, 'CB-2', 'consensus', '2027-01', '7');
	await expect(page.getByRole('heading', { name: 'CB-2 City 2' })).toBeVisible();
	await expect(series(page, 'balance', 'Consensus demand')).toHaveText(['7', '', '']);

	// Each chart downloads as a PNG.
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'PNG' }).first().click();
	expect((await download).suggestedFilename()).toBe(
		'CB-2 City 2 - Demand, supply and capacity.png'
	);
});
