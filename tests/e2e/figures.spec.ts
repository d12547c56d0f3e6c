import { expect, test } from '@playwright/test';
import { demoLeaderPlan, showOnly, typeInto } from './helpers';

test('a family with one item short is flagged red, says how many, and its chart marks the months', async ({
	page
}) => {
	await demoLeaderPlan(page, 'Short plan', 'Bikes, CB-1, City 1\nBikes, CB-2, City 2', 3);
	await showOnly(page, ['Consensus demand', 'Opening inventory', 'Projected inventory']);
	await typeInto(page, 'CB-1', 'consensus', '2027-01', '25');
	await typeInto(page, 'CB-2', 'opening', '2027-01', '90');

	// CB-1 is 25 short, CB-2 holds 90: the family holds 65 and is still flagged.
	const family = page.locator('tr.family td[data-measure="inventory"][data-period="2027-01"]');
	await expect(family.locator('.value')).toHaveText('65');
	await expect(family).toHaveClass(/flag-bad/);
	await expect(family).toHaveAttribute('title', '1 item short');
	await expect(family).toBeVisible();
	await expect(family).toBeInViewport();
	await expect(family).toHaveCSS('background-color', 'rgb(179, 38, 30)');
	const total = page.locator('tr.total td[data-measure="inventory"][data-period="2027-01"]');
	await expect(total).toHaveAttribute('title', '1 item short');
	// An item with stock is not flagged.
	const healthy = page.locator(
		'td[data-sku="CB-2"][data-measure="inventory"][data-period="2027-01"]'
	);
	await expect(healthy).not.toHaveClass(/flag-bad/);

	// The measure's name says what it means.
	await expect(
		page.locator('tr.family th.measure', { hasText: 'Projected inventory' })
	).toHaveAttribute('title', /flagged red when any item is short/);

	// The family's chart marks every month an item is short.
	await family.click();
	await expect(page.getByRole('heading', { name: 'Bikes', exact: true })).toBeVisible();
	await expect(
		page.locator('table[data-chart="inventory"] tr[data-series="Items short"] td')
	).toHaveText(['1 item short', '1 item short', '1 item short']);
});

test('items carry their ABC and XYZ classes, and the grid filters by class', async ({ page }) => {
	await demoLeaderPlan(page, 'Class plan', 'Bikes, CB-1, City 1\nBikes, CB-2, City 2', 3);
	await showOnly(page, ['Consensus demand', 'Price']);
	await typeInto(page, 'CB-1', 'consensus', '2027-01', '300');
	await typeInto(page, 'CB-1', 'price', '2027-01', '10');
	for (const period of ['2027-01', '2027-02', '2027-03']) {
		await typeInto(page, 'CB-2', 'consensus', period, '10');
	}
	// CB-1 has all the revenue (A) in one month (erratic, Z); CB-2 none (C), steadily (X).
	const badge = (sku: string) =>
		page.locator('tr', { has: page.locator(`td[data-sku="${sku}"]`) }).locator('.class');
	await expect(badge('CB-1').first()).toHaveText('AZ');
	await expect(badge('CB-2').first()).toHaveText('CX');
	await expect(badge('CB-1').first()).toBeVisible();

	// The Pareto chart ranks them by revenue, with the cumulative share.
	const pareto = page.locator('table[data-chart="pareto"]');
	await expect(pareto.locator('thead th')).toHaveText(['Series', 'CB-1', 'CB-2']);
	await expect(pareto.locator('tr[data-series="Revenue"] td')).toHaveText(['3000', '0']);
	await expect(pareto.locator('tr[data-series="Cumulative share of revenue (%)"] td')).toHaveText([
		'100',
		'100'
	]);
	await expect(page.locator('canvas[aria-label="Revenue by item (Pareto, top 25)"]')).toBeVisible();

	await page.getByLabel('Class', { exact: true }).selectOption('X');
	await expect(page.locator('td[data-sku="CB-1"]')).toHaveCount(0);
	await expect(page.locator('td[data-sku="CB-2"]').first()).toBeVisible();

	// The cut-offs are the planner's: ones that do not add up are refused with a reason.
	await page.getByText('ABC cut-offs (80/15/5)').click();
	await page.getByLabel('Class A, % of revenue').fill('90');
	await page.getByLabel('Class B, % of revenue').fill('20');
	await expect(page.getByRole('alert')).toHaveText(
		'Class B needs a share of 0 % or more, and A + B at most 100 %.'
	);
	await page.getByLabel('Class B, % of revenue').fill('5');
	await expect(page.getByText('ABC cut-offs (90/5/5)')).toBeVisible();
});
