import { expect, test } from '@playwright/test';
import {
	cell,
	cellValue,
	demoLeaderPlan,
	expectRefusal,
	showOnly,
	signIn,
	typeInto
} from './helpers';

const HIERARCHY = 'Bikes, GB-1, Gravel 1\nBikes, GB-2, Gravel 2\nParts, PT-1, Chain';

test('keyboard editing works like a spreadsheet', async ({ page }) => {
	await demoLeaderPlan(page, 'Keyboard plan', HIERARCHY);
	await showOnly(page, ['Sales forecast', 'Consensus demand']);

	// Type to overwrite, Enter commits and moves down.
	await typeInto(page, 'GB-1', 'forecast', '2027-01', '100');
	await expect(await cellValue(page, 'GB-1', 'forecast', '2027-01')).toHaveText('100');
	await expect(await cell(page, 'GB-1', 'consensus', '2027-01')).toHaveClass(/focus/);

	// Tab commits and moves right; Shift+Tab back.
	await page.keyboard.type('7');
	await page.keyboard.press('Tab');
	await expect(await cellValue(page, 'GB-1', 'consensus', '2027-01')).toHaveText('7');
	await expect(await cell(page, 'GB-1', 'consensus', '2027-02')).toHaveClass(/focus/);

	// Arrows move; F2 edits the current value; Escape cancels.
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('F2');
	await page.keyboard.type('5');
	await page.keyboard.press('Escape');
	await expect(await cellValue(page, 'GB-1', 'forecast', '2027-01')).toHaveText('100');
	await page.keyboard.press('F2');
	await page.keyboard.press('Backspace');
	await page.keyboard.type('5');
	await page.keyboard.press('Enter');
	await expect(await cellValue(page, 'GB-1', 'forecast', '2027-01')).toHaveText('105');

	// Double-click edits too.
	await (await cell(page, 'GB-2', 'forecast', '2027-03')).dblclick();
	await page.keyboard.type('42');
	await page.keyboard.press('Enter');
	await expect(await cellValue(page, 'GB-2', 'forecast', '2027-03')).toHaveText('42');

	// Shift+arrows select a range; Delete clears it.
	await (await cell(page, 'GB-1', 'forecast', '2027-01')).click();
	await page.keyboard.press('Shift+ArrowDown');
	await expect(await cell(page, 'GB-1', 'consensus', '2027-01')).toHaveAttribute(
		'aria-selected',
		'true'
	);
	await page.keyboard.press('Delete');
	await expect(await cellValue(page, 'GB-1', 'forecast', '2027-01')).toHaveText('');
	await expect(await cellValue(page, 'GB-1', 'consensus', '2027-01')).toHaveText('');

	// A derived or read-only cell refuses and says why.
	await showOnly(page, ['Sales forecast', 'Projected inventory']);
	const inventory = await cell(page, 'GB-1', 'inventory', '2027-02');
	await inventory.click();
	await page.keyboard.type('9');
	await expectRefusal(page, inventory, 'Projected inventory is computed from other measures.');

	// Text in a number cell is refused and nothing is written.
	await typeInto(page, 'GB-2', 'forecast', '2027-02', 'ten');
	await expectRefusal(
		page,
		await cell(page, 'GB-2', 'forecast', '2027-02'),
		'"ten" is not a number'
	);
	await page.keyboard.press('Escape');
	await expect(await cellValue(page, 'GB-2', 'forecast', '2027-02')).toHaveText('');

	// Clicking away from a bad value drops it and still says why.
	await (await cell(page, 'GB-2', 'forecast', '2027-02')).click();
	await page.keyboard.type('x1');
	await (await cell(page, 'GB-1', 'forecast', '2027-02')).click();
	await expectRefusal(
		page,
		await cell(page, 'GB-2', 'forecast', '2027-02'),
		'"x1" is not a number'
	);
	await expect(await cellValue(page, 'GB-2', 'forecast', '2027-02')).toHaveText('');
});

test('a 3×4 block pasted from a spreadsheet lands in one go, and copies back out', async ({
	page
}) => {
	await demoLeaderPlan(page, 'Paste plan', HIERARCHY);
	await showOnly(page, ['Sales forecast', 'Marketing adjustment', 'Consensus demand']);
	await (await cell(page, 'GB-1', 'forecast', '2027-02')).click();
	const block = '10\t11\t12\t13\n-5\t0\t5\t1,000\n20\t21\t22\t23\n';
	await page.getByRole('grid', { name: 'Plan grid' }).evaluate((grid, text) => {
		const data = new DataTransfer();
		data.setData('text/plain', text);
		grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
	}, block);
	await expect(await cellValue(page, 'GB-1', 'forecast', '2027-02')).toHaveText('10');
	await expect(await cellValue(page, 'GB-1', 'forecast', '2027-05')).toHaveText('13');
	await expect(await cellValue(page, 'GB-1', 'marketing', '2027-02')).toHaveText('-5');
	await expect(await cellValue(page, 'GB-1', 'marketing', '2027-05')).toHaveText('1,000');
	await expect(await cellValue(page, 'GB-1', 'consensus', '2027-05')).toHaveText('23');
	// The pasted block is selected afterwards.
	await expect(await cell(page, 'GB-1', 'consensus', '2027-05')).toHaveAttribute(
		'aria-selected',
		'true'
	);

	const copied = await page.getByRole('grid', { name: 'Plan grid' }).evaluate((grid) => {
		const data = new DataTransfer();
		grid.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true }));
		return data.getData('text/plain');
	});
	expect(copied).toBe('10\t11\t12\t13\n-5\t0\t5\t1000\n20\t21\t22\t23');

	// A block with a bad value is refused whole.
	const gb2 = await cell(page, 'GB-2', 'forecast', '2027-01');
	await gb2.click();
	await page.getByRole('grid', { name: 'Plan grid' }).evaluate((grid) => {
		const data = new DataTransfer();
		data.setData('text/plain', '1\t2\n3\tabc\n');
		grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
	});
	await expectRefusal(page, gb2, '"abc" is not a number');
	await expect(await cellValue(page, 'GB-2', 'forecast', '2027-01')).toHaveText('');
});

test('derived measures and family totals recompute as people type, and family edits spread', async ({
	page
}) => {
	await demoLeaderPlan(page, 'Derived plan', HIERARCHY);
	await showOnly(page, [
		'Consensus demand',
		'Production plan',
		'Opening inventory',
		'Projected inventory'
	]);
	await typeInto(page, 'GB-1', 'opening', '2027-01', '50');
	await typeInto(page, 'GB-1', 'consensus', '2027-01', '80');
	await typeInto(page, 'GB-1', 'production', '2027-01', '20');
	// 50 + 20 − 80 = −10: a stock-out, flagged.
	const inventory = await cell(page, 'GB-1', 'inventory', '2027-01');
	await expect(inventory.locator('.value')).toHaveText('-10');
	await expect(inventory).toHaveClass(/flag-bad/);
	await expect(await cellValue(page, 'GB-1', 'inventory', '2027-02')).toHaveText('-10');

	// The family total of consensus demand is 80; typing 200 there spreads it in proportion.
	await typeInto(page, 'GB-2', 'consensus', '2027-01', '20');
	const familyConsensus = page
		.locator('tr.family td[data-measure="consensus"][data-period="2027-01"]')
		.first();
	await expect(familyConsensus.locator('.value')).toHaveText('100');
	await familyConsensus.click();
	await page.keyboard.type('200');
	await page.keyboard.press('Enter');
	await expect(await cellValue(page, 'GB-1', 'consensus', '2027-01')).toHaveText('160');
	await expect(await cellValue(page, 'GB-2', 'consensus', '2027-01')).toHaveText('40');
	await expect(familyConsensus.locator('.value')).toHaveText('200');
});

test('undo takes back only my own edit; a colleague editing the same row keeps theirs', async ({
	browser
}) => {
	const lead = await (await browser.newContext()).newPage();
	const url = await demoLeaderPlan(lead, 'Undo plan', HIERARCHY);
	await lead.goto(url + '/members');
	await lead.getByLabel('Role of Sam Sales').selectOption('editor');
	await expect(lead.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
	await lead.goto(url);

	const sam = await (await browser.newContext()).newPage();
	await signIn(sam, 'sam@demo.concord', 'concord-demo');
	await sam.goto(url);
	for (const p of [lead, sam]) await showOnly(p, ['Sales forecast']);

	// Both type into the same row at the same time, in different months.
	await (await cell(lead, 'PT-1', 'forecast', '2027-01')).click();
	await lead.keyboard.type('11');
	await (await cell(sam, 'PT-1', 'forecast', '2027-02')).click();
	await sam.keyboard.type('22');
	await Promise.all([lead.keyboard.press('Enter'), sam.keyboard.press('Enter')]);
	for (const p of [lead, sam]) {
		await expect(await cellValue(p, 'PT-1', 'forecast', '2027-01')).toHaveText('11');
		await expect(await cellValue(p, 'PT-1', 'forecast', '2027-02')).toHaveText('22');
	}

	// Sam overwrites his own value, then undoes: his earlier value returns, the leader's stays.
	await typeInto(sam, 'PT-1', 'forecast', '2027-02', '33');
	await expect(await cellValue(lead, 'PT-1', 'forecast', '2027-02')).toHaveText('33');
	await sam.keyboard.press('Control+z');
	await expect(await cellValue(lead, 'PT-1', 'forecast', '2027-02')).toHaveText('22');
	await sam.keyboard.press('Control+z');
	await expect(await cellValue(lead, 'PT-1', 'forecast', '2027-02')).toHaveText('');
	await expect(await cellValue(sam, 'PT-1', 'forecast', '2027-01')).toHaveText('11');
	// Redo brings it back.
	await sam.keyboard.press('Control+y');
	await expect(await cellValue(lead, 'PT-1', 'forecast', '2027-02')).toHaveText('22');
	await expect(await cellValue(lead, 'PT-1', 'forecast', '2027-01')).toHaveText('11');
});

test('search, family filter and collapse narrow the rows', async ({ page }) => {
	await demoLeaderPlan(page, 'Filter plan', HIERARCHY);
	await showOnly(page, ['Sales forecast']);
	const skus = page.locator('tbody .sku');
	await expect(skus).toHaveText(['GB-1', 'GB-2', 'PT-1']);
	await page.getByLabel('Search items').fill('chain');
	await expect(skus).toHaveText(['PT-1']);
	await page.getByLabel('Search items').fill('');
	await page.getByLabel('Family').selectOption({ label: 'Bikes' });
	await expect(skus).toHaveText(['GB-1', 'GB-2']);
	await page.getByRole('button', { name: 'Collapse Bikes' }).click();
	await expect(skus).toHaveCount(0);
	await page.getByRole('button', { name: 'Expand Bikes' }).click();
	await expect(skus).toHaveText(['GB-1', 'GB-2']);
	await page.getByLabel('Search items').fill('nothing like this');
	await expect(page.getByText('No rows match.')).toBeVisible();
});
