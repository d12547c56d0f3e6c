import { expect, test } from '@playwright/test';
import { demoLeaderPlan, giveRoles, holdScripts, signUp, uniqueEmail } from './helpers';

test('an admin removes a member: their open plan closes at once and stays closed', async ({
	browser
}) => {
	const admin = await (await browser.newContext()).newPage();
	const member = await (await browser.newContext()).newPage();
	const planUrl = await demoLeaderPlan(admin, `Removal ${Date.now()}`, 'Bikes, RM-1, Roadster');

	// Lee invites a new colleague into the demo workspace, who joins through the link.
	await admin.goto('/');
	await admin.getByRole('link', { name: 'Demo Cycles Ltd' }).click();
	const email = uniqueEmail('rem');
	await admin.getByLabel('Email').fill(email);
	await admin.getByRole('button', { name: 'Create invite link' }).click();
	await member.goto(await admin.getByLabel('Invite link').inputValue());
	await member.getByRole('link', { name: 'Create an account' }).click();
	// Creating the account from the invite accepts it.
	await signUp(member, 'Remy Removed', email, null);
	await expect(member.getByRole('heading', { name: 'Demo Cycles Ltd' })).toBeVisible();

	await giveRoles(admin, planUrl, { 'Remy Removed': 'editor' });
	await member.goto(planUrl);
	// An editor without a function edits no step: the plan is open, live and read-only for them.
	await expect(member.getByText('Live (read-only)')).toBeVisible();

	await admin.getByRole('link', { name: 'Demo Cycles Ltd' }).click();
	const row = admin.getByRole('row').filter({ hasText: 'Remy Removed' });
	// No way to remove oneself: the last admin cannot leave the workspace without one.
	await expect(
		admin.getByRole('row').filter({ hasText: 'lee@demo.concord' }).getByRole('button')
	).toHaveCount(0);
	admin.once('dialog', (dialog) => void dialog.accept());
	await row.getByRole('button', { name: 'Remove Remy Removed' }).click();
	await expect(row).toHaveCount(0);

	await expect(member.getByRole('alert')).toContainText(
		'The server closed the plan: access revoked'
	);
	await expect(member.getByRole('alert')).toBeInViewport();
	expect((await member.goto(planUrl))?.status()).toBe(404);
	await member.goto('/');
	await expect(member.getByText('You are not in any workspace yet')).toBeVisible();
});

test('a role cannot be chosen before the page can save it, and is saved once it can', async ({
	browser
}) => {
	// Without the service worker, whose cached scripts would not be held back below.
	const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
	const planUrl = await demoLeaderPlan(page, `Early ${Date.now()}`, 'Bikes, EA-1, Early bird');
	const release = await holdScripts(page);
	await page.goto(planUrl + '/members', { waitUntil: 'commit' });
	const role = page.getByLabel('Role of Sam Sales');
	// Shown, but not yet usable: a choice now would be lost, so none can be made.
	await expect(role).toBeVisible();
	await expect(role).toBeDisabled();

	release();
	await expect(role).toBeEnabled();
	await role.selectOption('viewer');
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Role of Sam Sales')).toHaveValue('viewer');
});
