import { expect, test, type Page } from '@playwright/test';
import { cellValue, demoLeaderPlan, showOnly, signIn, typeInto } from './helpers';

const HIERARCHY = 'Bikes, RB-1, Road bike\nBikes, RB-2, Gravel bike';

/** Whole seconds, as the replay's slider moves in seconds. */
const second = (ms: number) => Math.floor(ms / 1000) * 1000;

/** A cell of the replay's read-only grid, by SKU, measure id and month. */
const replayCell = (page: Page, sku: string, measure: string, period: string) =>
	page
		.getByRole('region', { name: 'Plan at this moment' })
		.locator(`td[data-sku="${sku}"][data-measure="${measure}"][data-period="${period}"]`);

async function typeAndSave(page: Page, text: string) {
	await typeInto(page, 'RB-1', 'consensus', '2027-02', text);
	await expect(await cellValue(page, 'RB-1', 'consensus', '2027-02')).toHaveText(text);
	await expect(page.getByText('All changes saved')).toBeVisible();
}

// Needs the cell-history recording (cell_edits written by the collaboration server).
test('replay shows a cell as it was between two edits, and as it is at the end', async ({
	page
}) => {
	// Two edits through the board, a replay of them, and the board again.
	test.setTimeout(120_000);
	const start = second(Date.now()) - 60_000;
	const planUrl = await demoLeaderPlan(page, 'Replay plan', HIERARCHY);
	await showOnly(page, ['Consensus demand']);

	await typeAndSave(page, '120');
	await page.waitForTimeout(1500);
	const between = second(Date.now());
	await page.waitForTimeout(1500);
	await typeAndSave(page, '245');

	await page.getByRole('link', { name: 'Replay' }).click();
	await expect(page.getByRole('heading', { name: 'Replay' })).toBeVisible();
	const end = second(Date.now()) + 2000;
	// The period from before the plan was made until just now, as an address.
	const query = new URLSearchParams({
		from: new Date(start).toISOString(),
		to: new Date(end).toISOString()
	});
	await page.goto(`${planUrl}/replay?${query}`);

	// The replay opens at the period's end: the cell shows its last value, marked as Lee's.
	const target = replayCell(page, 'RB-1', 'consensus', '2027-02');
	await expect(target).toHaveText('245');
	await expect(target).toBeVisible();
	await expect(target).toHaveClass(/changed/);
	await expect(target).toHaveAttribute('title', 'Last changed by Lee Leader');
	await expect(page.getByRole('list', { name: 'Edits by person' })).toHaveText(/Lee Leader\s*2/);
	await expect(page.getByTestId('current-edit')).toContainText('120 → 245');

	// Between the two edits the cell shows the first value.
	await page.getByRole('slider', { name: 'Moment shown' }).fill(String(between));
	await expect(target).toHaveText('120');
	await expect(page.getByRole('list', { name: 'Edits by person' })).toHaveText(/Lee Leader\s*1/);
	await expect(page.getByTestId('current-edit')).toContainText('empty → 120');

	// Step back to before the first edit: the cell is empty and no longer marked.
	await page.getByRole('button', { name: 'Previous edit' }).click();
	await expect(target).toHaveText('');
	await expect(target).not.toHaveClass(/changed/);

	// Play at 60× runs to the end of the period and shows the last value again.
	await page.getByLabel('60×').check();
	await page.getByRole('button', { name: 'Play', exact: true }).click();
	await expect(target).toHaveText('245');
	await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible({
		timeout: 15_000
	});

	// The live plan is untouched by the replay.
	await page.goto(planUrl);
	await expect(await cellValue(page, 'RB-1', 'consensus', '2027-02')).toHaveText('245');
});

test('replay refuses a period it cannot read, and people who are not on the plan', async ({
	page
}) => {
	const planUrl = await demoLeaderPlan(page, 'Replay refusals', HIERARCHY);
	const bad = await page.request.get(`${planUrl}/replay/data?from=yesterday&to=today`);
	expect(bad.status()).toBe(400);
	expect((await bad.json()).message).toMatch(/date and time like/);
	await page.goto(`${planUrl}/replay?from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z`);
	await expect(page.getByText('“from” must be before “to”')).toBeVisible();

	await page.getByRole('button', { name: 'Sign out' }).click();
	await signIn(page, 'vic@demo.concord', 'concord-demo');
	const stranger = await page.request.get(`${planUrl}/replay/data`);
	expect(stranger.status()).toBe(404);
});
