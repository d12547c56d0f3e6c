import { expect, test, type Page } from '@playwright/test';
import { cell, cellValue, demoLeaderPlan, giveRoles, signIn, typeInto } from './helpers';
import { startScenario } from './scenarios';

/** A scenario's side panel, where its levers and the merge live. */
const panel = (page: Page) => page.getByRole('complementary', { name: 'Scenario' });

test('two people edit a scenario, compare it, merge one family, and the live plan changes just there', async ({
	browser
}) => {
	const lee = await (await browser.newContext()).newPage();
	const planUrl = await demoLeaderPlan(
		lee,
		'Scenario run',
		'Road, RB-1, Aero 56\nKids, KB-1, Balance bike',
		3
	);
	await giveRoles(lee, planUrl, { 'Sam Sales': 'editor' });
	await typeInto(lee, 'RB-1', 'consensus', '2027-02', '100');
	await expect(await cellValue(lee, 'RB-1', 'consensus', '2027-02')).toHaveText('100');
	await typeInto(lee, 'KB-1', 'consensus', '2027-01', '40');
	await expect(await cellValue(lee, 'KB-1', 'consensus', '2027-01')).toHaveText('40');
	await expect(lee.getByText('All changes saved')).toBeVisible();

	// A third browser keeps the live plan open throughout.
	const live = await (await browser.newContext()).newPage();
	await signIn(live, 'lee@demo.concord', 'concord-demo');
	await live.goto(planUrl);
	await expect(await cellValue(live, 'RB-1', 'consensus', '2027-02')).toHaveText('100');

	const scenarioId = await startScenario(lee, planUrl, 'Q2 push');
	await expect(lee.getByRole('heading', { name: 'Scenario Q2 push' })).toBeVisible();
	await expect(lee.getByRole('note')).toContainText('edits here change only this scenario');
	// The scenario reads the plan through where it changes nothing.
	await expect(await cellValue(lee, 'RB-1', 'consensus', '2027-02')).toHaveText('100');

	const sam = await (await browser.newContext()).newPage();
	await signIn(sam, 'sam@demo.concord', 'concord-demo');
	await sam.goto(`${planUrl}/scenarios/${scenarioId}`);
	await expect(sam.getByRole('button', { name: 'Lee Leader' })).toBeVisible();
	await expect(lee.getByRole('button', { name: 'Sam Sales' })).toBeVisible();

	// Sam edits the scenario; Lee sees it live, marked as the scenario's own; the plan does not move.
	await typeInto(sam, 'RB-1', 'consensus', '2027-02', '150');
	await expect(await cellValue(lee, 'RB-1', 'consensus', '2027-02')).toHaveText('150');
	await expect(await cell(lee, 'RB-1', 'consensus', '2027-02')).toHaveClass(/changed/);
	await expect(await cell(lee, 'RB-1', 'consensus', '2027-02')).toHaveAttribute(
		'title',
		'Changed in this scenario; the plan has 100'
	);
	await expect(sam.getByText('All changes saved')).toBeVisible();
	await expect(await cellValue(live, 'RB-1', 'consensus', '2027-02')).toHaveText('100');

	// Lee pulls a lever on the other family; both see it and its assumption listed.
	const form = lee.getByRole('form', { name: 'Add a lever' });
	await form.locator('select[name="measure"]').selectOption({ label: 'Consensus demand' });
	await form.getByLabel('Amount').fill('-100');
	await form.locator('select[name="familyId"]').selectOption({ label: 'Kids' });
	await form.getByRole('button', { name: 'Apply lever' }).click();
	const refusal = form.getByRole('alert');
	await expect(refusal).toHaveText('Consensus demand cannot fall by 100 % or more (-100 %)');
	await expect(refusal).toBeVisible();
	await form.getByLabel('Amount').fill('10');
	await form.getByRole('button', { name: 'Apply lever' }).click();
	await expect(form.getByRole('status')).toHaveText('Lever applied: 1 cell changed.');
	await expect(await cellValue(lee, 'KB-1', 'consensus', '2027-01')).toHaveText('44');
	await expect(await cellValue(sam, 'KB-1', 'consensus', '2027-01')).toHaveText('44');
	await expect(panel(sam).getByRole('list', { name: 'Levers' })).toContainText(
		'+10 % Consensus demand · Kids · Jan 27 – Mar 27'
	);

	// The comparison with the plan shows the changed cell with both values and the difference.
	await lee.getByRole('link', { name: 'Compare with the plan' }).click();
	await expect(lee.getByRole('heading', { name: 'Compare scenarios: Q2 push' })).toBeVisible();
	const compared = lee.locator('tr[data-row$=":consensus"] td[data-period="2027-02"]').filter({
		has: lee.locator('.plan-value', { hasText: '100' })
	});
	await expect(compared.locator(`[data-scenario="${scenarioId}"]`)).toHaveText(/150\s*\+50/);
	await lee.goBack();

	// Merge the family Road alone: the live plan takes exactly that cell, not the lever on Kids.
	await expect(panel(lee)).toBeVisible();
	const merge = lee.getByRole('form', { name: 'Merge into the plan' });
	await merge.getByLabel('One family').check();
	await merge.getByLabel('Family to merge').selectOption({ label: 'Road' });
	await merge.getByRole('button', { name: 'Merge into the plan' }).click();
	await expect(merge.getByRole('status')).toContainText('Merged 1 cell into the plan.');
	await expect(await cellValue(live, 'RB-1', 'consensus', '2027-02')).toHaveText('150');
	await expect(await cellValue(live, 'KB-1', 'consensus', '2027-01')).toHaveText('40');
	// The plan's log says where the numbers came from.
	await live.locator('button[data-step="1"]').click();
	await expect(live.locator('.log')).toContainText('merged 1 cell from scenario “Q2 push”');
});
