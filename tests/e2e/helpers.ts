import { expect, type Locator, type Page } from '@playwright/test';

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
	// Signed in, or told why not: either way the answer has arrived before the test goes on.
	await expect(
		page.getByRole('button', { name: 'Sign out' }).or(page.getByRole('alert'))
	).toBeVisible();
}

/**
 * A grid cell by item SKU, measure id and month ('YYYY-MM'), scrolled into the rendered window of
 * the virtualised grid first, as a person would scroll to it.
 */
export async function cell(page: Page, sku: string, measure: string, period: string) {
	const target = page.locator(
		`td[data-sku="${sku}"][data-measure="${measure}"][data-period="${period}"]`
	);
	const grid = page.getByRole('grid', { name: 'Plan grid' });
	await expect(grid).toBeVisible();
	// Each step waits two frames, for the grid to render the rows it scrolled to: counting at once,
	// a busy machine's grid lagged behind the scrolling, and the loop ran past the row to the end.
	const scroll = (to: 'top' | 'next') =>
		grid.evaluate(
			(el, step) =>
				new Promise<void>((rendered) => {
					if (step === 'top') el.scrollTo({ top: 0 });
					else el.scrollBy({ top: el.clientHeight / 2 });
					requestAnimationFrame(() => requestAnimationFrame(() => rendered()));
				}),
			to
		);
	if ((await target.count()) === 0) {
		await scroll('top');
		for (let i = 0; i < 400 && (await target.count()) === 0; i++) await scroll('next');
	}
	await target.scrollIntoViewIfNeeded();
	return target;
}

/** Selects a cell, types into it and commits with Enter, as a person would. */
export async function typeInto(
	page: Page,
	sku: string,
	measure: string,
	period: string,
	text: string
) {
	await (await cell(page, sku, measure, period)).click();
	await page.keyboard.type(text);
	await page.keyboard.press('Enter');
}

/**
 * The grid's refusal message: it says `text`, and a person sees it where they are looking, beside
 * the cell it is about (just above or below it, overlapping its columns) and inside the grid.
 */
export async function expectRefusal(page: Page, about: Locator, text: string | RegExp) {
	const alert = page.getByRole('alert');
	await expect(alert).toContainText(text);
	await expect(alert).toBeVisible();
	await expect(alert).toBeInViewport();
	const box = (await alert.boundingBox())!;
	const target = (await about.boundingBox())!;
	const grid = (await page.getByRole('grid', { name: 'Plan grid' }).boundingBox())!;
	expect(box.x).toBeGreaterThanOrEqual(grid.x);
	expect(box.y).toBeGreaterThanOrEqual(grid.y);
	expect(box.x + box.width).toBeLessThanOrEqual(grid.x + grid.width + 0.5);
	expect(box.y + box.height).toBeLessThanOrEqual(grid.y + grid.height + 0.5);
	const gapAbove = target.y - (box.y + box.height);
	const gapBelow = box.y - (target.y + target.height);
	expect(Math.max(gapAbove, gapBelow)).toBeLessThanOrEqual(8);
	expect(Math.max(gapAbove, gapBelow)).toBeGreaterThanOrEqual(0);
	expect(box.x).toBeLessThan(target.x + target.width);
	expect(box.x + box.width).toBeGreaterThan(target.x);
}

/** The displayed value of a grid cell (without any colleague's name tag on it). */
export async function cellValue(page: Page, sku: string, measure: string, period: string) {
	return (await cell(page, sku, measure, period)).locator('.value');
}

/** Signs in as a demo person (Lee unless told) and opens the demo plan, once it is live. */
export async function openDemoPlan(page: Page, email = 'lee@demo.concord') {
	await signIn(page, email, 'concord-demo');
	await page.getByRole('link', { name: 'Demo Cycles Ltd' }).click();
	await page.getByRole('link', { name: 'S&OP cycle (demo)' }).click();
	// Synced: the save badge says so, or for a viewer that the plan is live.
	await expect(page.getByText(/^(All changes saved|Live \(read-only\))$/)).toBeVisible();
}

/** Signs in as the demo leader and creates a plan in the demo workspace; returns its URL. */
export async function demoLeaderPlan(page: Page, name: string, hierarchy: string, horizon = 6) {
	await signIn(page, 'lee@demo.concord', 'concord-demo');
	await page.getByRole('link', { name: 'Demo Cycles Ltd' }).click();
	await page.getByRole('link', { name: 'New plan' }).click();
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByLabel('First month').fill('2027-01');
	await page.getByLabel('Horizon (months)').fill(String(horizon));
	await page.getByLabel('Product families and items').fill(hierarchy);
	await page.getByRole('button', { name: 'Create plan' }).click();
	await expect(page.getByRole('heading', { name })).toBeVisible();
	await expect(page.getByText('All changes saved')).toBeVisible();
	return page.url();
}

/** Only these measures in the grid, so the rows a test works on fit on screen. */
export async function showOnly(page: Page, measureLabels: string[]) {
	await page.getByText(/^Measures \(/).click();
	const boxes = page.locator('.measures input[type="checkbox"]');
	for (let i = 0; i < (await boxes.count()); i++) {
		const box = boxes.nth(i);
		const label = (await box.locator('xpath=..').innerText()).replace(' (computed)', '').trim();
		await box.setChecked(measureLabels.includes(label));
	}
	await page.getByText(/^Measures \(/).click();
}

/** On a plan's People page, gives demo colleagues their roles, one saved change at a time. */
export async function giveRoles(
	page: Page,
	planUrl: string,
	roles: Record<string, 'viewer' | 'editor' | 'leader' | 'none'>
) {
	await page.goto(planUrl + '/members');
	for (const [name, role] of Object.entries(roles)) {
		// The select is enabled once the page's script runs; each choice is saved before the next.
		const saved = page.waitForResponse(
			(r) => r.url().includes('setRole') && r.request().method() === 'POST'
		);
		await page.getByLabel(`Role of ${name}`).selectOption(role);
		expect((await saved).ok()).toBe(true);
	}
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
	await page.goto(planUrl);
}

/** A step's card in the open cycle panel. */
export const stepCard = (page: Page, step: number) =>
	page.locator(`section.step[data-step="${step}"]`);

/** In the open cycle panel, approves the plan (steps 1–3 locked) into version `version`. */
export async function approvePlan(page: Page, version: number) {
	await stepCard(page, 4).getByRole('button', { name: 'Approve the plan' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `Approved plan · version ${version}` })
	).toBeVisible();
}

/** In the open cycle panel, makes the leaders a step's only signer and signs it off: it locks. */
export async function signOffAsLeaders(page: Page, step: number) {
	const card = stepCard(page, step);
	await card.getByText('Who signs off').click();
	for (const box of await card.getByRole('checkbox').all()) {
		const label = (await box.locator('xpath=..').innerText()).trim();
		await box.setChecked(label === 'Leaders');
	}
	await card.getByRole('button', { name: 'Save' }).click();
	await expect(card.locator('li[data-signer]')).toHaveText([/Leaders/]);
	await expect(card.getByRole('checkbox', { name: 'Leaders' })).toBeChecked();
	await expect(card.getByRole('checkbox', { name: 'Sales' })).not.toBeChecked();
	await card.getByRole('button', { name: 'Sign off as Leaders' }).click();
	await expect(card.getByText('Locked', { exact: true })).toBeVisible();
}

/**
 * Holds the page's scripts back, as a slow connection would: the server-rendered page shows
 * without them until the returned function lets them through. Use a context that blocks the
 * service worker, whose cached scripts would not be held.
 */
export async function holdScripts(page: Page): Promise<() => void> {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await held;
		await route.continue();
	});
	return release;
}
