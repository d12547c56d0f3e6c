import { expect, test } from '@playwright/test';
import { cellValue, demoLeaderPlan, showOnly } from './helpers';

/** Three years of sales that swing from month to month, so the forecast has an error to cover. */
function historyCsv(): string {
	const lines = ['SKU,Month,Measure,Qty'];
	let seed = 7;
	const noise = () => (seed = (seed * 48271) % 2147483647) % 21;
	for (let year = 2024; year <= 2026; year++) {
		for (let month = 1; month <= 12; month++) {
			const m = `${year}-${String(month).padStart(2, '0')}`;
			lines.push(`SS-1,${m},actual,${40 + noise()}`, `SS-2,${m},actual,${90 + 2 * noise()}`);
		}
	}
	return lines.join('\n') + '\n';
}

test('a leader adopts the statistical safety stock and the grid shows it as the target', async ({
	page
}) => {
	const planUrl = await demoLeaderPlan(
		page,
		'Safety run',
		'Frames, SS-1, Frame S\nFrames, SS-2, Frame M',
		6
	);
	for (const [name, body] of [
		['h.csv', historyCsv()],
		[
			'items.csv',
			'Family,SKU,Item name,Lead time (days)\nFrames,SS-1,Frame S,30\nFrames,SS-2,Frame M,61\n'
		]
	]) {
		const imported = await page.request.post(`${planUrl}/import/file?name=${name}&apply=1`, {
			data: body,
			headers: { 'content-type': 'text/csv' }
		});
		expect(((await imported.json()) as { applied: boolean }).applied, name).toBe(true);
	}

	await page.goto(`${planUrl}/safety-stock`);
	await expect(page.getByText(/refresh the statistical baseline first/)).toBeVisible();
	await page.goto(`${planUrl}/forecast`);
	await page.getByRole('button', { name: 'Refresh baseline' }).click();
	await expect(page.getByRole('status')).toContainText('Baseline refreshed for 2 items');

	await page.goto(`${planUrl}/safety-stock`);
	const frameS = page.locator('tbody[data-item="SS-1"]');
	await expect(frameS).toContainText('lead time 30 days');
	const suggested = (await frameS.locator('td.suggested').first().innerText()).trim();
	expect(Number(suggested.replace(/,/g, ''))).toBeGreaterThan(0);
	await page.getByRole('button', { name: 'Adopt suggestions for all items' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Safety-stock target' })).toHaveText(
		'Safety-stock target set for 2 items.'
	);
	await expect(frameS.locator('td.typed').first()).toHaveText(suggested);

	await page.goto(planUrl);
	await showOnly(page, ['Safety-stock target']);
	await expect(await cellValue(page, 'SS-1', 'safety', '2027-06')).toHaveText(suggested);
});
