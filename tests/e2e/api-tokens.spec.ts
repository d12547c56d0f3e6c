import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('an admin creates an API token, sees it once, and revokes it', async ({ page }) => {
	await signIn(page, 'lee@demo.concord', 'concord-demo');
	await page.getByRole('link', { name: 'Demo Cycles Ltd' }).click();
	const section = page
		.locator('section')
		.filter({ has: page.getByRole('heading', { name: 'API tokens' }) });
	await expect(section).toBeVisible();

	const name = `Nightly ERP ${Date.now()}`;
	await section.getByLabel('Token name').fill(name);
	await section.getByRole('button', { name: 'Create API token' }).click();

	const secret = section.getByLabel('New API token');
	await expect(secret).toBeInViewport();
	const token = await secret.inputValue();
	expect(token).toMatch(/^cct_[a-z2-7]{32}$/);
	await expect(section.getByText('it will not be shown again')).toBeVisible();
	await expect(section.getByLabel('Example command')).toContainText(
		`curl -H "Authorization: Bearer ${token}" --data-binary @plan.xlsx "http://localhost:`
	);
	const row = section.getByRole('row').filter({ hasText: name });
	await expect(row).toContainText('Lee');
	await expect(row).toContainText('never');
	await expect(row).toContainText('active');

	// Reloaded, the token is listed and its secret is gone from the page.
	await page.reload();
	await expect(row).toContainText('active');
	await expect(section.getByLabel('New API token')).toHaveCount(0);
	expect(await page.content()).not.toContain(token);

	page.once('dialog', (dialog) => void dialog.accept());
	await row.getByRole('button', { name: `Revoke ${name}` }).click();
	await expect(row).toContainText('revoked by Lee');
	await expect(row.getByRole('button')).toHaveCount(0);
});
