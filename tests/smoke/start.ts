/**
 * Proves the README's start command from a person's side: the sign-in page is served, a demo
 * sign-in works and the demo plan opens with its numbers drawn. Run against a server that is
 * already up: `node --import tsx tests/smoke/start.ts [http://localhost:3000]`.
 */
import { chromium, expect } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium.ts';

const base = process.argv[2] ?? 'http://localhost:3000';
const browser = await chromium.launch(chromiumLaunchOptions);
try {
	const page = await browser.newPage();
	await page.goto(`${base}/signin`);
	await page.getByLabel('Email').fill('lee@demo.concord');
	await page.getByLabel('Password').fill('concord-demo');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible({ timeout: 30_000 });
	await page.getByRole('link', { name: 'Demo Cycles Ltd' }).click();
	await page.getByRole('link', { name: 'S&OP cycle (demo)' }).first().click();
	const grid = page.getByRole('grid', { name: 'Plan grid' });
	await expect(grid).toBeVisible({ timeout: 30_000 });
	// Numbers drawn: a sales forecast cell of the first demo item holds a value from the seed.
	await expect(grid.locator('td[data-measure="forecast"]').first()).toHaveText(/\d/, {
		timeout: 30_000
	});
	console.log(`start smoke: signed in as the demo leader and opened the demo plan at ${base}`);
} finally {
	await browser.close();
}
