import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { cell, demoLeaderPlan, giveRoles, signIn } from './helpers';

async function person(browser: Browser, email: string | null): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	if (email) await signIn(page, email, 'concord-demo');
	return page;
}

// Four browsers and a server on a shared, busy machine: give live updates more time than usual.
const expect = baseExpect.configure({ timeout: 30_000 });

const bar = (page: Page) => page.getByRole('region', { name: 'Meeting' });
const family = (page: Page) => page.getByLabel('Family', { exact: true });

test('a leader runs a meeting: two follow the presenter, one stops, a decision reaches the minutes', async ({
	browser
}) => {
	// Four signed-in browsers beside the server: on a shared two-core machine this takes minutes.
	test.setTimeout(test.info().timeout * 5);
	const lee = await person(browser, null);
	const planUrl = await demoLeaderPlan(
		lee,
		'Meeting plan',
		'Road bikes, RB-1, Aero 56\nRoad bikes, RB-2, Aero 58\nAccessories, AC-1, Helmet\nAccessories, AC-2, Gloves'
	);
	await giveRoles(lee, planUrl, {
		'Sam Sales': 'editor',
		'Olu Operations': 'editor',
		'Vic Viewer': 'viewer'
	});

	// The leader starts a meeting from the board's Meeting entry, with the default agenda.
	await lee.getByRole('link', { name: 'Meeting', exact: true }).click();
	await lee.getByLabel('Title').fill('January S&OP');
	await lee.getByRole('button', { name: 'Start the meeting' }).click();
	await expect(lee).toHaveURL(planUrl);
	await expect(bar(lee)).toContainText('item 1 of 4');
	await expect(bar(lee)).toContainText('Demand review');
	await expect(bar(lee)).toContainText('Presenter: you');
	await expect(bar(lee).getByRole('timer')).toContainText(/0:0\d/);
	await expect(bar(lee)).toContainText('Nobody follows yet');

	const [sam, olu, vic] = await Promise.all([
		person(browser, 'sam@demo.concord'),
		person(browser, 'olu@demo.concord'),
		person(browser, 'vic@demo.concord')
	]);
	for (const page of [sam, olu, vic]) {
		await page.goto(planUrl);
		await expect(bar(page)).toContainText('Presenter: Lee Leader');
	}
	// A viewer sees the meeting but cannot steer it or record decisions.
	await expect(bar(vic).getByRole('button', { name: 'Next item' })).toHaveCount(0);
	await expect(bar(vic).getByRole('button', { name: 'Decision…' })).toHaveCount(0);

	await bar(sam).getByRole('button', { name: 'Follow presenter' }).click();
	await bar(olu).getByRole('button', { name: 'Follow presenter' }).click();
	await expect(bar(lee)).toContainText('2 following: Olu Operations, Sam Sales');

	// The presenter filters a family and selects a cell: the followers' boards do the same.
	await family(lee).selectOption({ label: 'Accessories' });
	await (await cell(lee, 'AC-2', 'forecast', '2027-03')).click();
	for (const page of [sam, olu]) {
		await expect(family(page)).toHaveValue(await family(lee).inputValue());
		const followed = page.locator(
			'td[data-sku="AC-2"][data-measure="forecast"][data-period="2027-03"]'
		);
		await expect(followed).toHaveClass(/\bfocus\b/);
		await expect(followed).toBeVisible();
		await expect(page.locator('td[data-sku="RB-1"]')).toHaveCount(0);
	}

	// Olu stops following: the presenter's next moves no longer change Olu's board.
	await bar(olu).getByRole('button', { name: 'Stop following' }).click();
	await expect(bar(lee)).toContainText('1 following: Sam Sales');
	await family(lee).selectOption({ label: 'Road bikes' });
	await (await cell(lee, 'RB-1', 'forecast', '2027-02')).click();
	const samFocus = sam.locator(
		'td[data-sku="RB-1"][data-measure="forecast"][data-period="2027-02"]'
	);
	await expect(samFocus).toHaveClass(/\bfocus\b/);
	await expect(samFocus).toBeVisible();
	await expect(family(olu)).not.toHaveValue(await family(lee).inputValue());
	await expect(olu.locator('td.focus[data-sku="AC-2"][data-period="2027-03"]')).toBeVisible();
	await expect(olu.locator('td[data-sku="RB-1"]')).toHaveCount(0);
	// One click brings Olu back to the presenter's view.
	await bar(olu).getByRole('button', { name: 'Follow presenter' }).click();
	await expect(olu.locator('td.focus[data-sku="RB-1"][data-period="2027-02"]')).toBeVisible();

	// Sam records a decision on the cell in view.
	await bar(sam).getByRole('button', { name: 'Decision…' }).click();
	const form = sam.getByRole('form', { name: 'Record a decision' });
	await expect(form).toContainText('Concerns the selected cell.');
	await form.getByLabel('Decision').fill('Raise the Aero 56 forecast by 10% from February');
	await form.getByLabel('Due').fill('2027-01-20');
	await form.getByRole('button', { name: 'Record decision' }).click();
	await expect(bar(sam)).toContainText('Decision recorded.');

	// The leader moves on and ends the meeting; every board sees it.
	await bar(lee).getByRole('button', { name: 'Next item' }).click();
	for (const page of [lee, sam, vic]) await expect(bar(page)).toContainText('item 2 of 4');
	await expect(bar(vic)).toContainText('Supply review');
	await bar(lee).getByRole('button', { name: 'End meeting' }).click();
	for (const page of [lee, sam, olu, vic]) await expect(bar(page)).toHaveCount(0);

	// The minutes: agenda with times, attendance, the decision with its cell, no changes made.
	await vic.getByRole('link', { name: 'Meeting', exact: true }).click();
	await expect(vic.getByText('Raise the Aero 56 forecast by 10% from February')).toBeVisible();
	await vic.getByRole('link', { name: 'Minutes', exact: true }).click();
	await expect(vic.getByRole('heading', { name: 'Minutes: January S&OP' })).toBeVisible();
	const decisions = vic.locator('section', {
		has: vic.getByRole('heading', { name: 'Decisions' })
	});
	await expect(decisions).toContainText('Raise the Aero 56 forecast by 10% from February');
	await expect(decisions).toContainText('owner Sam Sales · due 2027-01-20 · open');
	await expect(decisions).toContainText('RB-1 Aero 56 · Sales forecast · 2027-02');
	const attendance = vic.locator('section', {
		has: vic.getByRole('heading', { name: 'Attendance' })
	});
	for (const name of ['Lee Leader', 'Sam Sales', 'Olu Operations', 'Vic Viewer'])
		await expect(attendance).toContainText(name);
	const agenda = vic.locator('section', { has: vic.getByRole('heading', { name: 'Agenda' }) });
	await expect(agenda.getByRole('listitem').nth(0)).toContainText(
		/Demand review owner Lee Leader: \d\d:\d\d–\d\d:\d\d/
	);
	await expect(agenda.getByRole('listitem').nth(2)).toContainText('not reached');
	await expect(vic.getByText('No changes were made during the meeting.')).toBeVisible();

	// And as a Markdown file.
	const download = vic.waitForEvent('download');
	await vic.getByRole('link', { name: 'Download Markdown' }).click();
	const text = await (await (await download).createReadStream()).toArray();
	const md = Buffer.concat(text).toString();
	expect(md).toContain('# Minutes: January S&OP');
	expect(md).toContain(
		'- Raise the Aero 56 forecast by 10% from February (owner: Sam Sales; due 2027-01-20; open)'
	);
});
