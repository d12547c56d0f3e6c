import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	cell,
	demoLeaderPlan,
	expectRefusal,
	giveRoles,
	showOnly,
	signIn,
	typeInto
} from './helpers';

async function openAs(browser: Browser, email: string, planUrl: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email, 'concord-demo');
	await page.goto(planUrl);
	await expect(
		page.getByText('All changes saved').or(page.getByText('Live (read-only)'))
	).toBeVisible();
	await showOnly(page, ['Sales forecast', 'Production plan']);
	return page;
}

const step1 = (page: Page) => page.locator('.strip [data-step="1"]');

async function openCycle(page: Page) {
	await step1(page).click();
	await expect(page.getByRole('complementary', { name: 'Cycle sign-offs and log' })).toBeVisible();
}

/** Signs off step 1 from its card in the cycle panel. */
async function signOff(page: Page, as: string, remark = '') {
	const card = page.locator('section.step[data-step="1"]');
	if (remark) await card.getByLabel(`Remark with sign off as ${as.toLowerCase()}`).fill(remark);
	await card.getByRole('button', { name: `Sign off as ${as}` }).click();
}

test('sales, operations and finance sign off step 1, it locks live everywhere, a leader reopens it', async ({
	browser,
	page: lee
}) => {
	test.setTimeout(120_000);
	const planUrl = await demoLeaderPlan(
		lee,
		'Cycle sign-off',
		'Road, RB-1, Aero 56\nRoad, RB-2, Aero 58'
	);
	await giveRoles(lee, planUrl, {
		'Sam Sales': 'editor',
		'Olu Operations': 'editor',
		'Fay Finance': 'editor'
	});
	await showOnly(lee, ['Sales forecast', 'Production plan']);

	const sam = await openAs(browser, 'sam@demo.concord', planUrl);
	const olu = await openAs(browser, 'olu@demo.concord', planUrl);
	const fay = await openAs(browser, 'fay@demo.concord', planUrl);
	const everyone = [lee, sam, olu, fay];
	for (const p of everyone) await expect(step1(p)).toHaveAttribute('data-status', 'open');

	// Sales and operations sign off; an edit to the step then withdraws both, visibly.
	await openCycle(sam);
	await signOff(sam, 'Sales', 'Forecast agreed with key accounts');
	await openCycle(olu);
	await signOff(olu, 'Operations');
	for (const p of everyone) {
		await expect(step1(p)).toContainText('Awaiting Finance');
	}
	await typeInto(sam, 'RB-1', 'forecast', '2027-01', '120');
	for (const p of everyone) await expect(step1(p)).toHaveAttribute('data-status', 'open');
	await expect(
		fay.getByRole('status').filter({ hasText: 'Sam Sales edited step 1' })
	).toContainText('which withdrew its sign-offs (Sales, Operations: the numbers changed)');
	await expect(sam.getByRole('list', { name: 'Cycle log' })).toContainText(
		'Sam Sales edited step 1, which withdrew its sign-offs (Sales, Operations: the numbers changed)'
	);

	// All three sign off, each in their own browser: the step locks in every browser at once.
	await signOff(sam, 'Sales');
	await signOff(olu, 'Operations');
	await openCycle(fay);
	await signOff(fay, 'Finance', 'Prices confirmed');
	for (const p of everyone) {
		await expect(step1(p)).toHaveAttribute('data-status', 'locked');
		await expect(await cell(p, 'RB-1', 'forecast', '2027-02')).toHaveAttribute(
			'aria-readonly',
			'true'
		);
	}
	// Sam's browser refuses to edit and says why; step 2 stays open for operations.
	const lockedCell = await cell(sam, 'RB-1', 'forecast', '2027-02');
	await lockedCell.click();
	await sam.keyboard.type('99');
	await expectRefusal(sam, lockedCell, 'signed off and locked');
	await typeInto(olu, 'RB-1', 'production', '2027-01', '80');
	await expect((await cell(lee, 'RB-1', 'production', '2027-01')).locator('.value')).toHaveText(
		'80'
	);

	// The leader reopens it with a reason; everyone can see it is open again, and sales edits.
	await openCycle(lee);
	const card = lee.locator('section.step[data-step="1"]');
	await card.getByRole('button', { name: 'Reopen…' }).click();
	await card.getByRole('button', { name: 'Reopen step 1' }).click();
	await expect(card.getByLabel('Why does step 1 reopen?')).toBeFocused();
	await card.getByLabel('Why does step 1 reopen?').fill('Late order from Acme');
	await card.getByRole('button', { name: 'Reopen step 1' }).click();
	for (const p of everyone) await expect(step1(p)).toHaveAttribute('data-status', 'open');
	await typeInto(sam, 'RB-1', 'forecast', '2027-02', '130');
	await expect((await cell(fay, 'RB-1', 'forecast', '2027-02')).locator('.value')).toHaveText(
		'130'
	);

	// The log lists every event, newest first, with who did it.
	const log = lee.getByRole('list', { name: 'Cycle log' }).getByRole('listitem');
	await expect(log).toHaveText([
		/Lee Leader reopened step 1: Late order from Acme/,
		/Fay Finance gave the last sign-off: step 1 locked/,
		/Fay Finance signed off step 1 for Finance: Prices confirmed/,
		/Olu Operations signed off step 1 for Operations/,
		/Sam Sales signed off step 1 for Sales/,
		/Sam Sales edited step 1, which withdrew its sign-offs/,
		/Olu Operations signed off step 1 for Operations/,
		/Sam Sales signed off step 1 for Sales: Forecast agreed with key accounts/
	]);
});
