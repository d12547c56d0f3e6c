import { expect, test } from '@playwright/test';
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
