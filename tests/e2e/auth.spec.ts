import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, signIn, signUp, uniqueEmail } from './helpers';

test('sign up, sign out, sign in again', async ({ page }) => {
	const email = uniqueEmail('ben');
	await signUp(page, 'Ben', email);
	await expect(page.getByText('You are not in any workspace yet')).toBeVisible();
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/signin/);
	// Signed out means the pages are closed again.
	await page.goto('/');
	await expect(page).toHaveURL(/\/signin\?next=%2F/);
	await signIn(page, email);
	await expect(page.getByRole('heading', { name: 'Your workspaces' })).toBeVisible();
});

test('sign-up and sign-in explain what is wrong', async ({ page }) => {
	const email = uniqueEmail('cat');
	await signUp(page, 'Cat', email);
	await page.getByRole('button', { name: 'Sign out' }).click();

	// Duplicate email.
	await page.goto('/signup');
	await page.getByLabel('Name').fill('Cat again');
	await page.getByLabel('Email').fill(email.toUpperCase());
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('alert')).toHaveText(/could not create an account with this email/);
	await expect(page.getByLabel('Name')).toHaveValue('Cat again');

	// Weak password (long enough for the browser, too simple for the server).
	await page.getByLabel('Email').fill(uniqueEmail('dan'));
	await page.getByLabel('Password').fill('aaaaaaaaaaaa');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('alert')).toHaveText(/too simple/);

	// Wrong password.
	await signIn(page, email, 'not-the-password');
	await expect(page.getByRole('alert')).toHaveText('Wrong email or password');
	await expect(page.getByLabel('Email')).toHaveValue(email);
});

test('the demo data is there on first start', async ({ page }) => {
	await signIn(page, 'sam@demo.concord', 'concord-demo');
	await page.getByRole('link', { name: 'Demo Cycles Ltd' }).click();
	await page.getByRole('link', { name: 'S&OP cycle (demo)' }).click();
	await expect(page.getByRole('grid', { name: 'Plan grid' })).toBeVisible();
	await expect(page.locator('td[data-measure="baseline"]').first()).not.toHaveText('');
	await expect(page.getByText('All changes saved')).toBeVisible();
});

test('signing out closes the plans that session has open in other tabs', async ({ browser }) => {
	const context = await browser.newContext();
	const planTab = await context.newPage();
	await signIn(planTab, 'fay@demo.concord', 'concord-demo');
	await planTab.getByRole('link', { name: 'Demo Cycles Ltd' }).click();
	await planTab.getByRole('link', { name: 'S&OP cycle (demo)' }).click();
	await expect(planTab.getByText('All changes saved')).toBeVisible();

	const otherTab = await context.newPage();
	await otherTab.goto('/');
	await otherTab.getByRole('button', { name: 'Sign out' }).click();
	await expect(otherTab).toHaveURL(/\/signin/);
	await expect(planTab.getByRole('alert')).toContainText(
		'The server closed the plan: access revoked'
	);
	await context.close();
});

/** A new admin with a workspace and one plan they lead, back on the workspace page. */
async function adminWithPlan(page: Page, admin: string, workspace: string, plan: string) {
	await signUp(page, admin, uniqueEmail('admin'));
	await page.getByLabel('Name').fill(workspace);
	await page.getByRole('button', { name: 'Create workspace' }).click();
	await page.getByRole('link', { name: 'New plan' }).click();
	await page.getByLabel('Name', { exact: true }).fill(plan);
	await page.getByLabel('First month').fill('2027-01');
	await page.getByLabel('Product families and items').fill('Boats, BT-1, Dinghy');
	await page.getByRole('button', { name: 'Create plan' }).click();
	await expect(page.getByRole('heading', { name: plan })).toBeVisible();
	await page.getByRole('link', { name: workspace }).click();
}

test('an invite gives a plan role, and survives the header\'s "Create account"', async ({
	browser
}) => {
	const admin = await (await browser.newContext()).newPage();
	await adminWithPlan(admin, 'Ines Admin', 'Harbor', 'Harbor plan');

	// The role follows the invitee's function unless the inviter picks another.
	const email = uniqueEmail('gus');
	await admin.getByLabel('Email').fill(email);
	await admin.getByRole('checkbox', { name: 'Harbor plan' }).check();
	const role = admin.getByLabel('Role on Harbor plan');
	await expect(role).toHaveValue('viewer');
	await admin.getByRole('combobox', { name: 'Function', exact: true }).selectOption('operations');
	await expect(role).toHaveValue('editor');
	await admin.getByRole('button', { name: 'Create invite link' }).click();
	const link = await admin.getByLabel('Invite link').inputValue();
	await expect(admin.getByText(`${email} (operations): Harbor plan (editor)`)).toBeVisible();

	const invitee = await (await browser.newContext()).newPage();
	await invitee.goto(link);
	await expect(invitee.getByText('Harbor plan (editor)')).toBeVisible();
	await invitee.getByRole('banner').getByRole('link', { name: 'Create account' }).click();
	await expect(
		invitee.getByText(`Creating your account accepts the invitation to join Harbor as ${email}`)
	).toBeVisible();
	await expect(invitee.getByLabel('Email')).toHaveValue(email);
	await signUp(invitee, 'Gus Guest', email, null);
	await expect(invitee.getByRole('heading', { name: 'Harbor' })).toBeVisible();
	const plan = invitee.getByRole('row').filter({ hasText: 'Harbor plan' });
	await expect(plan).toBeVisible();
	await expect(plan.getByRole('cell').last()).toHaveText('editor');
	await plan.getByRole('link', { name: 'Harbor plan' }).click();
	await expect(invitee.getByRole('grid', { name: 'Plan grid' })).toBeVisible();
});

test('an invitee without a plan role is told whom to ask, not to create the first plan', async ({
	browser
}) => {
	const admin = await (await browser.newContext()).newPage();
	await adminWithPlan(admin, 'Ola Admin', 'Dock', 'Dock plan');
	const email = uniqueEmail('pia');
	await admin.getByLabel('Email').fill(email);
	await admin.getByRole('button', { name: 'Create invite link' }).click();
	const link = await admin.getByLabel('Invite link').inputValue();

	const invitee = await (await browser.newContext()).newPage();
	await invitee.goto(link);
	await invitee.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
	await invitee.getByRole('link', { name: 'Create an account' }).click();
	await signUp(invitee, 'Pia Plain', email, null);
	await expect(invitee.getByRole('heading', { name: 'Dock' })).toBeVisible();
	await expect(
		invitee.getByText('You have no plan yet. Ask Ola Admin to give you a role on a plan.')
	).toBeVisible();
	await expect(invitee.getByText('Create the first plan')).toHaveCount(0);
	// With no function, no plan led and not an admin, they are a viewer here.
	await expect(invitee.getByRole('button', { name: 'New plan' })).toBeDisabled();
});
