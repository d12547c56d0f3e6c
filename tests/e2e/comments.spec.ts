import { expect, test, type Browser, type Page } from '@playwright/test';
import { cell, demoLeaderPlan, giveRoles, signIn } from './helpers';

const MONTH = '2027-03';
const SKU = 'RO-101';
let plans = 0;

/**
 * A plan of its own for each test, led by Lee with every demo colleague on it, so a test never
 * meets another's comments. Returns Lee's page on it.
 */
async function freshPlan(browser: Browser): Promise<{ lee: Page; planUrl: string }> {
	const lee = await (await browser.newContext()).newPage();
	const planUrl = await demoLeaderPlan(
		lee,
		`Comments ${++plans} ${Date.now()}`,
		`Road bikes, ${SKU}, Aero 58\nRoad bikes, RO-102, Aero 56`
	);
	await giveRoles(lee, planUrl, {
		'Sam Sales': 'editor',
		'Olu Operations': 'editor',
		'Fay Finance': 'editor',
		'Vic Viewer': 'viewer'
	});
	await expect(lee.getByText('All changes saved')).toBeVisible();
	return { lee, planUrl };
}

async function openPlan(browser: Browser, email: string, planUrl: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email, 'concord-demo');
	await page.goto(planUrl);
	await expect(page.getByText(/^(All changes saved|Live \(read-only\))$/)).toBeVisible();
	return page;
}

/** The cell as it is rendered now, without scrolling to it. */
const rendered = (page: Page, measure: string) =>
	page.locator(`td[data-sku="${SKU}"][data-measure="${measure}"][data-period="${MONTH}"]`);

/** Records every dialog a page shows, e.g. an injected alert(). */
function dialogsOf(page: Page): string[] {
	const seen: string[] = [];
	page.on('dialog', (dialog) => {
		seen.push(dialog.message());
		void dialog.dismiss();
	});
	return seen;
}

test('a comment on a cell reaches the mentioned colleague live; replies and resolution survive a reload', async ({
	browser
}) => {
	const { lee, planUrl } = await freshPlan(browser);
	const sam = await openPlan(browser, 'sam@demo.concord', planUrl);
	const commentsButton = sam.getByRole('button', { name: /^Comments/ });
	await expect(commentsButton).toHaveAccessibleName('Comments');

	// Lee selects a cell and asks about it with Shift+F2, mentioning Sam through the suggestions.
	await (await cell(lee, SKU, 'forecast', MONTH)).click();
	await lee.keyboard.press('Shift+F2');
	const box = lee.getByRole('combobox', { name: 'New comment' });
	await expect(box).toBeFocused();
	await expect(lee.getByText(`On ${SKU} Aero 58 · Sales forecast ·`)).toBeVisible();
	await box.pressSequentially('Is this right? @');
	const options = lee.getByRole('listbox', { name: 'Mention a plan member' }).getByRole('option');
	await expect(options).toHaveText([
		'Fay Finance',
		'Lee Leader',
		'Olu Operations',
		'Sam Sales',
		'Vic Viewer'
	]);
	await box.pressSequentially('S');
	await expect(options).toHaveText(['Sam Sales']);
	await box.press('Backspace');
	for (let i = 0; i < 3; i++) await box.press('ArrowDown');
	await expect(options.nth(3)).toHaveAttribute('aria-selected', 'true');
	await box.press('Enter');
	await expect(options).toHaveCount(0);
	await box.pressSequentially('the uplift looks high.');
	await expect(box).toHaveValue('Is this right? @Sam Sales the uplift looks high.');
	await box.press('Control+Enter');
	await expect(box).toHaveValue('');
	const leeThread = lee.locator('li.thread');
	await expect(leeThread.locator('.body')).toHaveText(
		'Is this right? @Sam Sales the uplift looks high.'
	);
	await expect(leeThread.locator('.mention')).toHaveText('@Sam Sales');

	// Sam, without reloading, sees the marker on the cell and an unread mention on the button.
	await expect((await cell(sam, SKU, 'forecast', MONTH)).locator('.note')).toHaveText('1');
	await expect(commentsButton).toHaveAccessibleName('Comments, 1 unread mention');

	// Sam scrolls away, opens the comments and the thread: the grid brings the cell back.
	const grid = sam.getByRole('grid', { name: 'Plan grid' });
	await grid.evaluate((el) => el.scrollTo({ top: 0, left: 0 }));
	await expect(rendered(sam, 'forecast')).toHaveCount(0);
	await commentsButton.click();
	await sam.getByRole('button', { name: 'Mentioning me' }).click();
	const samThread = sam.locator('li.thread');
	await expect(samThread.getByText('Mentions you')).toBeVisible();
	await samThread
		.getByRole('button', { name: new RegExp(`^${SKU} Aero 58 · Sales forecast`) })
		.click();
	await expect(rendered(sam, 'forecast')).toHaveClass(/focus/);
	await expect(rendered(sam, 'forecast')).toBeInViewport();
	await expect(commentsButton).toHaveAccessibleName('Comments');

	// Sam replies and resolves; Lee sees both at once and the marker goes.
	await samThread.getByRole('combobox', { name: 'Reply' }).fill('Yes: the spring promotion.');
	await samThread.getByRole('button', { name: 'Reply', exact: true }).click();
	await expect(samThread.locator('.body')).toHaveText([
		'Is this right? @Sam Sales the uplift looks high.',
		'Yes: the spring promotion.'
	]);
	await samThread.getByRole('button', { name: 'Resolve' }).click();
	await expect(samThread.getByText('Resolved by Sam Sales.')).toBeVisible();
	await expect(leeThread.locator('.body').nth(1)).toHaveText('Yes: the spring promotion.');
	await expect(leeThread.getByText('Resolved by Sam Sales.')).toBeVisible();
	await expect(rendered(lee, 'forecast').locator('.note')).toHaveCount(0);

	// Everything is stored: after a reload both find the resolved thread, and Sam's mention is read.
	for (const page of [lee, sam]) {
		await page.reload();
		await expect(page.getByText('All changes saved')).toBeVisible();
		await page.getByRole('button', { name: /^Comments/ }).click();
		await expect(page.getByText('No open threads.')).toBeVisible();
		await page.getByRole('button', { name: 'Resolved', exact: true }).click();
		const thread = page.locator('li.thread');
		await thread.getByRole('button', { name: new RegExp(`^${SKU} Aero 58`) }).click();
		await expect(thread.locator('article header strong')).toHaveText(['Lee Leader', 'Sam Sales']);
		await expect(thread.locator('.body')).toHaveText([
			'Is this right? @Sam Sales the uplift looks high.',
			'Yes: the spring promotion.'
		]);
		await expect((await cell(page, SKU, 'forecast', MONTH)).locator('.note')).toHaveCount(0);
	}
	await expect(commentsButton).toHaveAccessibleName('Comments');

	await lee.context().close();
	await sam.context().close();
});

test('markup in a comment shows as text and runs nothing; an over-long one is refused', async ({
	browser
}) => {
	const { lee, planUrl } = await freshPlan(browser);
	const olu = await openPlan(browser, 'olu@demo.concord', planUrl);
	const dialogs = [...[lee, olu].map(dialogsOf)];

	await (await cell(lee, SKU, 'production', MONTH)).click();
	await lee.keyboard.press('Shift+F2');
	const box = lee.getByRole('combobox', { name: 'New comment' });
	await box.fill('x'.repeat(2001));
	await expect(lee.getByText('2,001 / 2,000')).toBeVisible();
	await lee.getByRole('button', { name: 'Post' }).click();
	await expect(lee.getByRole('alert')).toHaveText(
		'A comment holds at most 2,000 characters; this one has 2,001.'
	);

	const attack = '<img src=x onerror=alert(1)><script>alert(2)</script>';
	await box.fill(attack);
	await lee.getByRole('button', { name: 'Post' }).click();
	await expect(box).toHaveValue('');
	for (const page of [lee, olu]) {
		const marker = (await cell(page, SKU, 'production', MONTH)).locator('.note');
		await expect(marker).toHaveText('1');
		if (page === olu) await marker.click();
		const panel = page.getByRole('region', { name: 'Comments' });
		const thread = panel.locator('li.thread');
		if (page === olu) await thread.getByRole('button', { name: new RegExp(`^${SKU}`) }).click();
		await expect(thread.locator('.body')).toHaveText(attack);
		await expect(panel.locator('img, script')).toHaveCount(0);
	}
	// The comment is the only one on that cell: the refused one was never stored.
	await expect(olu.locator('li.thread')).toHaveCount(1);
	await expect(olu.locator('li.thread article')).toHaveCount(1);
	expect(dialogs).toEqual([[], []]);

	await lee.context().close();
	await olu.context().close();
});

test('a leader can stop viewers commenting; the viewer is told, and the server refuses', async ({
	browser
}) => {
	const { lee, planUrl } = await freshPlan(browser);
	const vic = await openPlan(browser, 'vic@demo.concord', planUrl);
	const allowed = lee.getByLabel('Viewers may comment on this plan');
	const turnedOff = vic.getByText("The plan's leaders have turned off comments from viewers");

	await (await cell(vic, SKU, 'consensus', MONTH)).click();
	await vic.keyboard.press('Shift+F2');
	await expect(vic.getByRole('combobox', { name: 'New comment' })).toBeVisible();

	await lee.getByRole('link', { name: 'People' }).click();
	await expect(allowed).toBeChecked();
	await allowed.uncheck();
	await expect(lee.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

	// Live: the open panel withdraws the box and says why.
	await expect(turnedOff).toBeVisible();
	await expect(vic.getByRole('combobox', { name: 'New comment' })).toHaveCount(0);
	const refused = await vic.request.post(`${planUrl}/comments`, {
		data: { ownerId: 'anything', measureId: null, period: null, body: 'Let me in' },
		headers: { origin: new URL(planUrl).origin }
	});
	expect(refused.status()).toBe(403);
	expect((await refused.json()).error).toBe(
		"The plan's leaders have turned off comments from viewers."
	);

	await lee.reload();
	await expect(allowed).not.toBeChecked();
	await allowed.check();
	await expect(lee.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
	await expect(turnedOff).toHaveCount(0);
	await expect(vic.getByRole('combobox', { name: 'New comment' })).toBeVisible();

	await lee.context().close();
	await vic.context().close();
});
