import { expect, test } from '@playwright/test';
import {
	approvePlan,
	cellValue,
	demoLeaderPlan,
	openDemoPlan,
	showOnly,
	signIn,
	signOffAsLeaders
} from './helpers';

/** Three years of monthly sales: 20 a month of FC-1, 50 of FC-2; FC-3 has none. */
function historyCsv(): string {
	const lines = ['SKU,Month,Measure,Qty'];
	for (let year = 2024; year <= 2026; year++) {
		for (let month = 1; month <= 12; month++) {
			const m = `${year}-${String(month).padStart(2, '0')}`;
			lines.push(`FC-1,${m},actual,20`, `FC-2,${m},actual,50`);
		}
	}
	return lines.join('\n') + '\n';
}

test('a leader refreshes the baseline and a second browser sees it change live', async ({
	browser
}) => {
	const leader = await (await browser.newContext()).newPage();
	const planUrl = await demoLeaderPlan(
		leader,
		'Forecast run',
		'Frames, FC-1, Frame S\nFrames, FC-2, Frame M\nFrames, FC-3, Frame L',
		6
	);
	const imported = await leader.request.post(`${planUrl}/import/file?name=h.csv&apply=1`, {
		data: historyCsv(),
		headers: { 'content-type': 'text/csv' }
	});
	expect(imported.status()).toBe(200);
	expect(((await imported.json()) as { applied: boolean }).applied).toBe(true);

	const other = await (await browser.newContext()).newPage();
	await signIn(other, 'lee@demo.concord', 'concord-demo');
	await other.goto(planUrl);
	await expect(other.getByText('All changes saved')).toBeVisible();
	await showOnly(other, ['Statistical baseline']);
	await expect(await cellValue(other, 'FC-1', 'baseline', '2027-01')).toHaveText('');

	await leader.goto(`${planUrl}/forecast`);
	await expect(leader.getByText(/No statistical forecast for this item yet/)).toBeVisible();
	// The item picker names the item shown, the first of the plan.
	await expect(leader.getByRole('heading', { name: 'FC-1 · Frame S' })).toBeVisible();
	await expect(leader.getByRole('combobox', { name: 'Item' }).locator('option:checked')).toHaveText(
		'FC-1 · Frame S'
	);
	await leader.getByRole('button', { name: 'Refresh baseline' }).click();
	await expect(leader.getByRole('status')).toContainText(
		/Baseline refreshed for 2 items in [\d.]+ s \(.+\)\. 1 without sales history kept their baseline\./
	);

	// Live in the other browser, without a reload.
	await expect(await cellValue(other, 'FC-1', 'baseline', '2027-01')).toHaveText('20');
	await expect(await cellValue(other, 'FC-2', 'baseline', '2027-06')).toHaveText('50');

	// The chosen item's explanation: its method in words and its backtest, over its chart.
	await expect(leader.getByText(/^The mean of Theta, damped trend/)).toBeVisible();
	await expect(
		leader.getByText(/On its last 6 months, forecast from the months before/)
	).toBeVisible();
	await expect(leader.locator('.item-forecast canvas')).toBeVisible();

	// An item without history says what to do.
	await leader.getByRole('combobox', { name: 'Item' }).selectOption({ label: 'FC-3 · Frame L' });
	await expect(leader.getByText(/Import its sales history/)).toBeVisible();
});

test('the refresh is disabled, with the reason, while step 1 is locked', async ({ page }) => {
	const planUrl = await demoLeaderPlan(page, 'Locked forecast', 'Frames, FL-1, Frame', 3);
	// The cycle panel opens on step 1 from the strip; this leader signs it off alone.
	await page.locator('.strip [data-step="1"]').click();
	await signOffAsLeaders(page, 1);
	await page.goto(`${planUrl}/forecast`);
	await expect(page.getByRole('button', { name: 'Refresh baseline' })).toBeDisabled();
	await expect(
		page.getByText('Step 1 (Demand review) is signed off and locked; a leader can reopen it.')
	).toBeVisible();
});

test('the demo plan’s items have four years of sales history to forecast from', async ({
	page
}) => {
	await openDemoPlan(page, 'sam@demo.concord');
	await page.getByRole('link', { name: 'Baseline', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Statistical baseline' })).toBeVisible();
	// Sales may look but not refresh: the page says who can, and charts the history.
	await expect(page.getByRole('button', { name: 'Refresh baseline' })).toHaveCount(0);
	await expect(
		page.getByText(
			'No statistical forecast for this item yet: a leader of the plan can forecast it from its 48 months of sales history, charted below.'
		)
	).toBeVisible();
	await expect(page.locator('.item-forecast canvas')).toBeVisible();
});

test('forecast value add on the demo scores last quarter’s approved forecasts against the sales since', async ({
	page
}) => {
	await openDemoPlan(page, 'vic@demo.concord');
	await page.getByRole('link', { name: 'Accuracy', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Forecast value add' })).toBeVisible();
	const scored = page.getByText(/^Scored over/);
	await expect(scored).toBeVisible();
	expect((await scored.innerText()).replace(/\s+/g, ' ')).toMatch(
		/^Scored over 6 months with sales and an approved forecast, \w{3} \d\d–\w{3} \d\d; forecasts from S&OP cycle, last quarter \(demo\) \(version 1\)\.$/
	);
	await expect(page.locator('canvas')).toBeVisible();
	// The plan's row and each family's: a WAPE per forecast, and whether each step helped.
	const table = page.getByRole('table', { name: /^Accuracy by forecast/ });
	const wape = /^\d+(\.\d)?\s?%$/;
	for (const name of ['S&OP cycle (demo)', 'Road bikes', 'Mountain bikes', 'Accessories']) {
		const row = table.getByRole('row', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')} `) });
		await expect(row.getByRole('cell').first()).toHaveText(wape);
	}
	const plan = table.getByRole('row', { name: /^S&OP cycle \(demo\) / });
	// The demo's story, step by step: the statistical baseline beat last month's sales, the sales
	// forecast's optimism made it worse, and the consensus won part of that back.
	const gains = plan.locator('td.gain');
	await expect(gains).toHaveCount(3);
	for (const [i, effect] of ['helps', 'hurts', 'helps'].entries()) {
		const sign = effect === 'helps' ? '\\+' : '−';
		await expect(gains.nth(i)).toHaveText(new RegExp(`^${sign}\\d+\\.\\d pts\\s*\\(${effect}\\)$`));
		await expect(gains.nth(i)).toHaveClass(new RegExp(`\\b${effect}\\b`));
	}

	// One family: its row and its items', and the chart and caption say which.
	await page.getByLabel('Family').selectOption({ label: 'Road bikes' });
	await expect(page).toHaveURL(/\?family=/);
	await expect(table.locator('caption')).toContainText('Road bikes and its items');
	await expect(table.getByRole('columnheader', { name: 'Family / item' })).toBeVisible();
	const rows = table.locator('tbody tr');
	await expect(rows.first().getByRole('rowheader')).toHaveText('Road bikes');
	await expect(table.getByRole('row', { name: /^Mountain bikes / })).toHaveCount(0);
	expect(await rows.count()).toBeGreaterThan(1);
	for (const row of (await rows.all()).slice(1)) {
		await expect(row.getByRole('cell').first()).toHaveText(wape);
	}
	await expect(page.getByText('WAPE of each forecast: Road bikes')).toBeVisible();
	await expect(
		page.getByLabel('WAPE of each forecast for Road bikes', { exact: true })
	).toBeVisible();
});

test('forecast value add says why there is nothing to score, before and after a plan is approved', async ({
	page
}) => {
	test.setTimeout(90_000);
	// A new plan of the demo's items: the workspace has their sales, but no cycle of it is approved.
	const planUrl = await demoLeaderPlan(page, 'Unscored', 'Road bikes, RO-100, Aero 56', 3);
	await page.getByRole('link', { name: 'Accuracy', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Forecast value add' })).toBeVisible();
	const status = page.getByRole('status');
	await expect(status).toBeVisible();
	expect((await status.innerText()).replace(/\s+/g, ' ')).toMatch(
		/^Nothing to score yet\. The workspace has actual sales for \d+ months, \w{3} \d\d–\w{3} \d\d, but no forecast to set them against: .* A leader approves the plan in step 4 of the cycle, on the plan board, once steps 1–3 are locked\.$/
	);
	await expect(page.locator('canvas')).toHaveCount(0);
	await page.getByRole('link', { name: 'plan board' }).click();
	await expect(page.getByRole('grid', { name: 'Plan grid' })).toBeVisible();

	// Approved, its months (from January 2027) have no sales yet: the page says so.
	await page.locator('.strip [data-step="1"]').click();
	for (const step of [1, 2, 3]) await signOffAsLeaders(page, step);
	await approvePlan(page, 1);
	await page.goto(`${planUrl}/accuracy`);
	await expect(status).toBeVisible();
	expect((await status.innerText()).replace(/\s+/g, ' ')).toMatch(
		/^Nothing to score yet\. The workspace has actual sales for \d+ months, \w{3} \d\d–\w{3} \d\d, but the approved forecasts of this plan and its earlier cycles are for other months\. Each month is scored once its sales are in: import them on the plan's Import page\.$/
	);
	await expect(page.locator('canvas')).toHaveCount(0);
});
