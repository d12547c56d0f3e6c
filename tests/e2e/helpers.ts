import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'plan-together-2027';

let n = 0;
export function uniqueEmail(prefix: string): string {
	return `${prefix}.${Date.now()}.${n++}@e2e.test`;
}

/** Signs up on the current page when `path` is null (e.g. after following an invite). */
export async function signUp(
	page: Page,
	name: string,
	email: string,
	path: string | null = '/signup'
) {
	if (path) await page.goto(path);
	await page.getByLabel('Name').fill(name);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
	await page.goto('/signin');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A grid cell by item SKU, measure id and month ('YYYY-MM'). */
export function cell(page: Page, sku: string, measure: string, period: string) {
	return page.locator(`td[data-sku="${sku}"][data-measure="${measure}"][data-period="${period}"]`);
}

/** The displayed value of a grid cell (without any colleague's name tag on it). */
export function cellValue(page: Page, sku: string, measure: string, period: string) {
	return cell(page, sku, measure, period).locator('.value');
}
