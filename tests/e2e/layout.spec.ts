import { expect, test, type Page, type TestInfo } from '@playwright/test';
import {
	cell,
	cellValue,
	demoLeaderPlan,
	giveRoles,
	openDemoPlan,
	signIn,
	typeInto
} from './helpers';

const LAPTOP = { width: 1280, height: 720 };

/**
 * The month columns and rows a person sees whole in the grid: header cells and rows whose boxes
 * lie inside the grid's visible viewport (its client area, without scroll bars), right of the
 * pinned item and measure columns and below the pinned month header.
 */
async function visibleCells(page: Page) {
	return page.getByRole('grid', { name: 'Plan grid' }).evaluate((grid) => {
		const box = grid.getBoundingClientRect();
		const right = box.left + grid.clientWidth;
		const bottom = box.top + grid.clientHeight;
		const pinned = grid.querySelector('th.measure.corner')!.getBoundingClientRect().right;
		const header = grid.querySelector('thead')!.getBoundingClientRect().bottom;
		const months = [...grid.querySelectorAll('th.period')].filter((th) => {
			const r = th.getBoundingClientRect();
			return r.left >= pinned - 0.5 && r.right <= right + 0.5 && r.width > 0;
		});
		const rows = [...grid.querySelectorAll('tbody tr[aria-rowindex]')].filter((tr) => {
			const r = tr.getBoundingClientRect();
			return r.top >= header - 0.5 && r.bottom <= bottom + 0.5 && r.height > 0;
		});
		// Readable on a projector: the figures keep their size.
		const fontSize = parseFloat(getComputedStyle(grid.querySelector('td')!).fontSize);
		return { months: months.length, rows: rows.length, fontSize };
	});
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string) {
	await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

test.describe('at 1280×720', () => {
	test.use({ viewport: LAPTOP });

	test('the grid shows at least 6 months and 10 rows, at a readable size', async ({
		page
	}, testInfo) => {
		await openDemoPlan(page);
		const seen = await visibleCells(page);
		await attachScreenshot(page, testInfo, 'demo plan at 1280x720');
		expect(seen.months).toBeGreaterThanOrEqual(6);
		expect(seen.rows).toBeGreaterThanOrEqual(10);
		expect(seen.fontSize).toBeGreaterThanOrEqual(15);
		// The header stays one line: the plan's pages are one click away in a menu.
		await page.getByText('Plan pages').click();
		await expect(page.getByRole('link', { name: 'Accuracy' })).toBeVisible();
		await page.getByText('Plan pages').click();
		await expect(page.getByRole('link', { name: 'Accuracy' })).toBeHidden();
		// Opening the charts lays them over the grid, which keeps its columns.
		await page.getByLabel('Charts').check();
		await expect(page.getByRole('heading', { name: 'Whole plan' })).toBeVisible();
		expect((await visibleCells(page)).months).toBe(seen.months);
	});

	test('the full-screen grid shows more rows, and Esc leaves it', async ({ page }, testInfo) => {
		await openDemoPlan(page);
		const before = await visibleCells(page);
		await page.getByRole('grid', { name: 'Plan grid' }).focus();
		await page.keyboard.press('Alt+G');
		await expect(page.getByRole('toolbar', { name: 'Grid tools' })).toBeHidden();
		// The grid covers the page header: it starts at the top of the screen.
		const grid = page.getByRole('grid', { name: 'Plan grid' });
		await expect.poll(async () => (await grid.boundingBox())?.y).toBe(0);
		const full = await visibleCells(page);
		await attachScreenshot(page, testInfo, 'full-screen grid at 1280x720');
		expect(full.rows).toBeGreaterThan(before.rows);
		expect(full.rows).toBeGreaterThanOrEqual(18);
		await page.keyboard.press('Escape');
		await expect(page.getByRole('toolbar', { name: 'Grid tools' })).toBeVisible();
		await expect.poll(async () => (await grid.boundingBox())?.y).toBeGreaterThan(100);
		expect((await visibleCells(page)).rows).toBe(before.rows);
		// The button does the same, and the shortcuts are listed for people to find.
		await page.getByRole('button', { name: 'Full screen' }).click();
		await expect(page.getByRole('toolbar', { name: 'Grid tools' })).toBeHidden();
		await page.getByRole('button', { name: 'Leave full screen (Esc)' }).click();
		await expect(page.getByRole('toolbar', { name: 'Grid tools' })).toBeVisible();
		await page.keyboard.press('Alt+Slash');
		await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText(
			'Alt+KShow or hide the key figures'
		);
	});

	test('the key figures and cycle steps fold away by shortcut, remembered after a reload', async ({
		page
	}) => {
		await openDemoPlan(page);
		const kpis = page.getByRole('list', { name: 'Key figures' });
		const steps = page.getByRole('navigation', { name: 'Cycle steps' });
		// A short window starts with the key figures folded away and the steps shown.
		await expect(kpis).toBeHidden();
		await expect(steps).toBeVisible();
		const rowsWithout = (await visibleCells(page)).rows;
		await page.keyboard.press('Alt+K');
		await expect(kpis).toBeVisible();
		expect((await visibleCells(page)).rows).toBeLessThan(rowsWithout);
		await page.keyboard.press('Alt+C');
		await expect(steps).toBeHidden();
		await page.reload();
		await expect(page.getByText('All changes saved')).toBeVisible();
		await expect(kpis).toBeVisible();
		await expect(steps).toBeHidden();
		await page.keyboard.press('Alt+K');
		await page.keyboard.press('Alt+C');
		await expect(kpis).toBeHidden();
		await expect(steps).toBeVisible();
		await page.reload();
		await expect(page.getByText('All changes saved')).toBeVisible();
		await expect(kpis).toBeHidden();
		await expect(steps).toBeVisible();
	});

	test('labels stand where they are read: "Show changes since" in the toolbar beside its select, an agenda’s topics whole', async ({
		page
	}) => {
		await openDemoPlan(page);
		// The changes bar is one of the grid's tools, not a row of its own above the grid.
		const changes = page
			.getByRole('toolbar', { name: 'Grid tools' })
			.getByRole('group', { name: 'Changes since' });
		// The label's words end left of its select, on the select's line.
		const beside = await changes.evaluate((bar) => {
			const label = bar.querySelector('label')!;
			const words = document.createRange();
			words.selectNodeContents(label.firstChild!);
			const text = words.getBoundingClientRect();
			const select = label.querySelector('select')!.getBoundingClientRect();
			const middle = (r: DOMRect) => r.top + r.height / 2;
			return { gap: select.left - text.right, drift: Math.abs(middle(select) - middle(text)) };
		});
		expect(beside.gap).toBeGreaterThanOrEqual(0);
		expect(beside.drift).toBeLessThan(4);

		await page.getByText('Plan pages').click();
		await page.getByRole('link', { name: 'Meeting', exact: true }).click();
		await expect(page.getByRole('heading', { name: 'Start a meeting' })).toBeVisible();
		const titles = page.getByRole('textbox', { name: /^Agenda item \d+$/ });
		await expect(titles).toHaveCount(4);
		for (const title of await titles.all()) {
			const fit = await title.evaluate((input: HTMLInputElement) => ({
				text: input.value,
				cut: input.scrollWidth > input.clientWidth
			}));
			expect(fit, `agenda item "${fit.text}"`).toEqual({ text: fit.text, cut: false });
		}
	});

	test('a figures page wider than the window scrolls its table in the table’s frame, not the page', async ({
		page
	}) => {
		await openDemoPlan(page, 'vic@demo.concord');
		await page.getByText('Plan pages').click();
		await page.getByRole('link', { name: 'Accuracy', exact: true }).click();
		const frame = page.getByRole('region', { name: /^Accuracy by forecast/ });
		await expect(frame).toBeVisible();
		const widths = await frame.evaluate((region) => ({
			table: region.scrollWidth,
			frame: region.clientWidth,
			page: document.documentElement.scrollWidth,
			window: document.documentElement.clientWidth
		}));
		// The four forecasts' columns do not fit 1280 pixels: the frame scrolls sideways, the page
		// (its header and the chart) stays the window's width.
		expect(widths.table).toBeGreaterThan(widths.frame);
		expect(widths.page).toBe(widths.window);
	});
});

test('numbers are written and typed in each person’s locale', async ({ browser }) => {
	// Two browsers, a new plan and a settings round trip.
	test.setTimeout(120_000);
	// Lee's browser speaks Norwegian; Fay's speaks American English.
	const norwegian = await (await browser.newContext({ locale: 'nb-NO' })).newPage();
	const planUrl = await demoLeaderPlan(norwegian, 'Locale run', 'Road, RB-1, Aero 56', 3);
	await giveRoles(norwegian, planUrl, { 'Fay Finance': 'editor' });
	await expect(norwegian.getByText('All changes saved')).toBeVisible();

	await typeInto(norwegian, 'RB-1', 'price', '2027-01', '1 234,5');
	await typeInto(norwegian, 'RB-1', 'price', '2027-02', '12,5');
	await typeInto(norwegian, 'RB-1', 'forecast', '2027-01', '12\u00a0345');
	// Intl groups Norwegian digits with a no-break space.
	await expect(await cellValue(norwegian, 'RB-1', 'price', '2027-01')).toHaveText('1\u00a0235');
	await expect(await cellValue(norwegian, 'RB-1', 'price', '2027-02')).toHaveText('12,50');
	await expect(await cellValue(norwegian, 'RB-1', 'forecast', '2027-01')).toHaveText('12\u00a0345');
	await expect(norwegian.getByText('All changes saved')).toBeVisible();

	const english = await (await browser.newContext({ locale: 'en-US' })).newPage();
	await signIn(english, 'fay@demo.concord', 'concord-demo');
	await english.goto(planUrl);
	await expect(await cellValue(english, 'RB-1', 'price', '2027-01')).toHaveText('1,235');
	await expect(await cellValue(english, 'RB-1', 'price', '2027-02')).toHaveText('12.50');
	await expect(await cellValue(english, 'RB-1', 'forecast', '2027-01')).toHaveText('12,345');
	// The stored value, to the cent, as each of them edits it.
	await (await cell(english, 'RB-1', 'price', '2027-01')).click();
	await english.keyboard.press('F2');
	await expect(english.getByLabel('Price Jan 27')).toHaveValue('1234.5');
	await english.keyboard.press('Escape');
	await (await cell(norwegian, 'RB-1', 'price', '2027-01')).click();
	await norwegian.keyboard.press('F2');
	await expect(norwegian.getByLabel('Price Jan 27')).toHaveValue('1234,5');
	await norwegian.keyboard.press('Escape');

	// Fay chooses Norwegian numbers in her settings, whatever her browser says, and back again.
	await english.getByRole('link', { name: 'Fay Finance' }).click();
	const numbers = english.getByLabel('Numbers');
	await numbers.selectOption('nb-NO');
	await english.getByRole('button', { name: 'Save' }).click();
	await expect(english.getByRole('status')).toHaveText(
		'Saved: numbers now read 1\u00a0234\u00a0567,5.'
	);
	await english.goto(planUrl);
	await expect(await cellValue(english, 'RB-1', 'forecast', '2027-01')).toHaveText('12\u00a0345');
	await english.goto('/settings');
	await numbers.selectOption('');
	await english.getByRole('button', { name: 'Save' }).click();
	await expect(english.getByRole('status')).toHaveText('Saved: numbers now read 1,234,567.5.');
	await english.goto(planUrl);
	await expect(await cellValue(english, 'RB-1', 'forecast', '2027-01')).toHaveText('12,345');
});
