import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
	cell,
	cellValue,
	demoLeaderPlan,
	expectRefusal,
	openDemoPlan,
	showOnly,
	typeInto
} from './helpers';

/** What a new user meets first on the grid: refusals, flags, pastes, labels, keys, read-only. */

const TWO_FAMILIES =
	'Bikes, GB-1, Gravel 1\nBikes, GB-2, Gravel 2\nParts, PT-1, Chain\nParts, PT-2, Tyre';

const grid = (page: Page) => page.getByRole('grid', { name: 'Plan grid' });

async function paste(page: Page, text: string) {
	await grid(page).evaluate((el, tsv) => {
		const data = new DataTransfer();
		data.setData('text/plain', tsv);
		el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
	}, text);
}

test('a refusal shows beside its cell, inside the grid, and moves nothing on the page', async ({
	page
}) => {
	await demoLeaderPlan(page, 'Refusal plan', TWO_FAMILIES);
	await showOnly(page, ['Sales forecast', 'Projected inventory']);
	const charts = page.getByRole('region', { name: /^Charts for/ });
	await expect(charts).toBeVisible();
	const before = { grid: await grid(page).boundingBox(), charts: await charts.boundingBox() };

	const computed = await cell(page, 'GB-2', 'inventory', '2027-03');
	await computed.click();
	await page.keyboard.type('9');
	await expectRefusal(page, computed, 'Projected inventory is computed from other measures.');
	expect(await grid(page).boundingBox()).toEqual(before.grid);
	expect(await charts.boundingBox()).toEqual(before.charts);

	// A bad value typed in the last row shows above the cell, still inside the grid.
	const last = await cell(page, 'PT-2', 'forecast', '2027-06');
	await typeInto(page, 'PT-2', 'forecast', '2027-06', 'ten');
	await expectRefusal(page, last, '"ten" is not a number');
	expect(await charts.boundingBox()).toEqual(before.charts);
	// Moving on clears it.
	await page.keyboard.press('Escape');
	await page.keyboard.press('ArrowUp');
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('over-capacity and stock-out flags are readable on plan, family and item rows (axe color-contrast)', async ({
	page
}) => {
	await demoLeaderPlan(page, 'Flag plan', TWO_FAMILIES);
	await showOnly(page, [
		'Production plan',
		'Capacity',
		'Capacity utilisation',
		'Projected inventory'
	]);
	// Bikes: capacity 100, production 150 → 150 % utilisation on the family and the plan.
	const capacity = page
		.locator('tr.family td[data-measure="capacity"][data-period="2027-01"]')
		.first();
	await capacity.click();
	await page.keyboard.type('100');
	await page.keyboard.press('Enter');
	await typeInto(page, 'GB-1', 'production', '2027-01', '150');
	// Consensus demand above stock on GB-2 makes a stock-out on the item row.
	await showOnly(page, ['Consensus demand', 'Capacity utilisation', 'Projected inventory']);
	await typeInto(page, 'GB-2', 'consensus', '2027-01', '40');
	for (const kind of ['total', 'family']) {
		await expect(
			page
				.locator(`tr.${kind} td.flag-bad[data-measure="utilisation"][data-period="2027-01"]`)
				.first()
		).toBeVisible();
	}
	await expect(await cell(page, 'GB-2', 'inventory', '2027-01')).toHaveClass(/flag-bad/);
	// A selected flag stays a flag too.
	await page
		.locator('tr.family td[data-measure="utilisation"][data-period="2027-01"]')
		.first()
		.click();
	await page.keyboard.press('Shift+ArrowDown');

	const results = await new AxeBuilder({ page })
		.include('[role="grid"]')
		.withRules(['color-contrast'])
		.analyze();
	expect(results.violations.flatMap((v) => v.nodes.map((n) => n.failureSummary))).toEqual([]);
	// Axe lists cells it cannot measure (text over a gradient) as "incomplete": none may hide there.
	const unmeasured = results.incomplete.flatMap((v) =>
		v.nodes.filter((n) => n.html.startsWith('<td')).map((n) => `${n.target}: ${n.failureSummary}`)
	);
	expect(unmeasured).toEqual([]);
});

test('four lines pasted at the first item of a family go to the next item rows, never onto a family total', async ({
	page
}) => {
	await demoLeaderPlan(page, 'Boundary paste plan', TWO_FAMILIES);
	await showOnly(page, ['Sales forecast']);
	await (await cell(page, 'GB-1', 'forecast', '2027-01')).click();
	await paste(page, '1\n2\n3\n4\n');
	await expect(await cellValue(page, 'GB-1', 'forecast', '2027-01')).toHaveText('1');
	await expect(await cellValue(page, 'GB-2', 'forecast', '2027-01')).toHaveText('2');
	await expect(await cellValue(page, 'PT-1', 'forecast', '2027-01')).toHaveText('3');
	await expect(await cellValue(page, 'PT-2', 'forecast', '2027-01')).toHaveText('4');
	const partsTotal = page.locator('tr.family td[data-measure="forecast"][data-period="2027-01"]');
	await expect(partsTotal.nth(1).locator('.value')).toHaveText('7');

	// Not enough item rows below: refused whole, saying why, and nothing is written.
	const chain = await cell(page, 'PT-1', 'forecast', '2027-02');
	await chain.click();
	await paste(page, '5\n6\n7\n');
	await expectRefusal(page, chain, 'skips the family and plan totals');
	await expect(await cellValue(page, 'PT-1', 'forecast', '2027-02')).toHaveText('');
});

test('every row of a block names its item after scrolling, and measure labels are not cut off', async ({
	page
}) => {
	await demoLeaderPlan(page, 'Label plan', TWO_FAMILIES);
	// Every measure: the plan-total rows are bold, the widest labels there.
	const wideLabels = page.locator('tbody th.measure');
	await expect(wideLabels.first()).toBeVisible();
	const cut = await wideLabels.evaluateAll((ths) =>
		ths.filter((th) => th.scrollWidth > th.clientWidth).map((th) => th.textContent)
	);
	expect(cut).toEqual([]);

	// Scroll so GB-2's production row is the top row: it says it is GB-2's.
	const production = await cell(page, 'GB-2', 'production', '2027-01');
	const index = Number(await production.locator('xpath=..').getAttribute('aria-rowindex'));
	await grid(page).evaluate((el, top) => el.scrollTo({ top }), (index - 1) * 32);
	const rowHeader = page.locator(`tr[aria-rowindex="${index}"] th.item`);
	await expect(rowHeader).toHaveText('GB-2 Gravel 2');
	await expect(rowHeader).toBeInViewport();
	// The measure heads its row too, so a screen reader names it with every cell of the row.
	const row = page.locator(`tr[aria-rowindex="${index}"]`);
	await expect(row.getByRole('rowheader', { name: 'Production plan' })).toBeVisible();
	await expect(row.getByRole('columnheader')).toHaveCount(0);
});

test('rows stand in order on screen in every frame of a fast scroll, and in the DOM once it stops', async ({
	page
}) => {
	await openDemoPlan(page, 'vic@demo.concord');
	const frames = await grid(page).evaluate(async (el) => {
		el.scrollTo({ top: 0 });
		await new Promise((r) => setTimeout(r, 300));
		const seen = [];
		for (let i = 0; i < 12; i++) {
			el.scrollBy({ top: el.clientHeight / 2 });
			await new Promise((r) => requestAnimationFrame(r));
			const rows = [...el.querySelectorAll('tbody tr[aria-rowindex]')].map((row) => ({
				index: Number(row.getAttribute('aria-rowindex')),
				top: row.getBoundingClientRect().top
			}));
			seen.push({
				domInOrder: rows.every((row, k) => k === 0 || row.index > rows[k - 1].index),
				// Each row stands as many rows below the DOM's first as their indices differ.
				misplaced: rows.filter((row) => row.top - rows[0].top !== (row.index - rows[0].index) * 32)
					.length
			});
		}
		return seen;
	});
	expect(frames.map((frame) => frame.misplaced)).toEqual(frames.map(() => 0));
	// The frames above covered rows that stood in the DOM out of reading order.
	expect(frames.some((frame) => !frame.domInOrder)).toBe(true);
	// Once scrolling stops, the DOM is in reading order again, as a screen reader reads it.
	await expect
		.poll(() =>
			grid(page)
				.locator('tbody tr[aria-rowindex]')
				.evaluateAll((rows) =>
					rows.every(
						(row, k) =>
							k === 0 ||
							Number(row.getAttribute('aria-rowindex')) >
								Number(rows[k - 1].getAttribute('aria-rowindex'))
					)
				)
		)
		.toBe(true);
});

test('Ctrl+Home goes to the first cell and Ctrl+End to the last', async ({ page }) => {
	await demoLeaderPlan(page, 'Keys plan', TWO_FAMILIES);
	await showOnly(page, ['Sales forecast', 'Consensus demand']);
	await (await cell(page, 'GB-2', 'forecast', '2027-03')).click();
	await page.keyboard.press('Control+End');
	await expect(await cell(page, 'PT-2', 'consensus', '2027-06')).toHaveClass(/focus/);
	await page.keyboard.press('Control+Home');
	const first = page.locator(
		'td[data-owner="total"][data-measure="forecast"][data-period="2027-01"]'
	);
	await expect(first).toHaveClass(/focus/);
	await expect(first).toBeInViewport();
	// With Shift the selection stretches from where it was.
	await page.keyboard.press('Control+Shift+End');
	await expect(await cell(page, 'PT-2', 'consensus', '2027-06')).toHaveAttribute(
		'aria-selected',
		'true'
	);
	await expect(first).toHaveAttribute('aria-selected', 'true');
});

test('read-only cells look read-only for every role, and a viewer is offered no Undo or Redo', async ({
	browser
}) => {
	const lee = await (await browser.newContext()).newPage();
	await openDemoPlan(lee, 'lee@demo.concord');
	/** How the first month of Aero 56 (RO-100) looks: its cursor, background and read-only state. */
	const look = async (page: Page, measure: string) => {
		const td = page.locator(`td[data-sku="RO-100"][data-measure="${measure}"]`).first();
		await expect(td).toBeVisible();
		return td.evaluate((el) => {
			const s = getComputedStyle(el);
			return { cursor: s.cursor, background: s.backgroundColor, readonly: el.ariaReadOnly };
		});
	};
	await showOnly(lee, ['Sales forecast', 'Projected inventory']);
	await expect(lee.getByRole('button', { name: 'Undo' })).toBeVisible();
	const editable = await look(lee, 'forecast');
	const computed = await look(lee, 'inventory');
	expect(editable).toMatchObject({ cursor: 'cell', readonly: 'false' });
	expect(computed).toMatchObject({ cursor: 'default', readonly: 'true' });
	expect(computed.background).not.toBe(editable.background);

	const vic = await (await browser.newContext()).newPage();
	await openDemoPlan(vic, 'vic@demo.concord');
	await showOnly(vic, ['Sales forecast', 'Projected inventory']);
	await expect(vic.getByRole('button', { name: 'Undo' })).toHaveCount(0);
	await expect(vic.getByRole('button', { name: 'Redo' })).toHaveCount(0);
	// The viewer's forecast cell looks like the leader's computed cell, and refuses beside itself.
	expect(await look(vic, 'forecast')).toEqual(computed);
	const forecast = vic.locator('td[data-sku="RO-100"][data-measure="forecast"]').first();
	await forecast.click();
	await vic.keyboard.type('5');
	await expectRefusal(vic, forecast, 'You are a viewer on this plan.');
});
