import {
	expect,
	test,
	type Browser,
	type BrowserContextOptions,
	type Page,
	type WebSocketRoute
} from '@playwright/test';
import { cellValue, demoLeaderPlan, showOnly, signIn, typeInto } from './helpers';

test('a browser opening a plan for the first time shows its saved numbers while the live plan loads', async ({
	page,
	browser
}) => {
	const url = await demoLeaderPlan(
		page,
		'First screen',
		'Bikes, CB-1, City 1\nBikes, CB-2, City 2',
		3
	);
	await typeInto(page, 'CB-1', 'consensus', '2027-01', '25');
	await typeInto(page, 'CB-2', 'consensus', '2027-01', '15');
	await expect(page.getByText('All changes saved')).toBeVisible();

	// Another laptop, with no copy of the plan, whose step documents are held on their way: a
	// large plan's take a second or two.
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const other = await context.newPage();
	await signIn(other, 'lee@demo.concord', 'concord-demo');
	let through = false;
	const held: WebSocketRoute[] = [];
	await other.routeWebSocket(/\/collab\/plan\/[^/]+\/step\//, (ws) => {
		if (through) ws.connectToServer();
		else held.push(ws);
	});
	await other.goto(url);

	const total = other.locator('tr.total td[data-measure="consensus"][data-period="2027-01"]');
	await expect(total.locator('.value')).toHaveText('40');
	await expect(total).toBeInViewport();
	await expect(other.locator('li[data-kpi="demand"] strong')).toHaveText('40');
	await expect(other.locator('li[data-kpi="demand"]')).toBeInViewport();
	expect(held).toHaveLength(3);
	await expect(other.getByText('All changes saved')).toBeHidden();

	// The documents arrive (the held sockets close, and their reconnections go through): the live
	// plan takes over with the same numbers, and edits work as ever.
	through = true;
	for (const ws of held) await ws.close();
	await expect(other.getByText('All changes saved')).toBeVisible();
	await expect(total.locator('.value')).toHaveText('40');
	await typeInto(other, 'CB-2', 'consensus', '2027-01', '20');
	await expect(other.locator('li[data-kpi="demand"] strong')).toHaveText('45');
	await other
		.getByRole('grid', { name: 'Plan grid' })
		.evaluate((grid) => grid.scrollTo({ top: 0 }));
	await expect(total.locator('.value')).toHaveText('45');
	await expect(await cellValue(page, 'CB-2', 'consensus', '2027-01')).toHaveText('20');
	await context.close();
});

/**
 * A plan whose total consensus in January is 25, and another browser (a new context of its own)
 * signed in as its leader, about to open it.
 */
async function planForAnotherBrowser(
	page: Page,
	browser: Browser,
	name: string,
	options: BrowserContextOptions,
	itemName = 'City 1'
) {
	const url = await demoLeaderPlan(page, name, `Bikes, CB-1, ${itemName}`, 3);
	await typeInto(page, 'CB-1', 'consensus', '2027-01', '25');
	await expect(page.getByText('All changes saved')).toBeVisible();
	const context = await browser.newContext(options);
	const other = await context.newPage();
	await signIn(other, 'lee@demo.concord', 'concord-demo');
	const total = other.locator('tr.total td[data-measure="consensus"][data-period="2027-01"]');
	return { url, context, other, total };
}

test("the plan's numbers are in the page the server sends, drawn before any of its scripts runs", async ({
	page,
	browser
}) => {
	// A browser that runs no script at all sees what the server rendered, and only that.
	const { url, context, other, total } = await planForAnotherBrowser(
		page,
		browser,
		'Served numbers',
		{ javaScriptEnabled: false }
	);
	await other.goto(url);
	await expect(total.locator('.value')).toHaveText('25');
	await expect(total).toBeInViewport();
	await expect(other.locator('li[data-kpi="demand"] strong')).toHaveText('25');
	await expect(other.locator('li[data-kpi="demand"]')).toBeInViewport();
	await context.close();
});

test('the page’s scripts take over the numbers the server drew, without drawing the grid again', async ({
	page,
	browser
}) => {
	// The page carries its items to its scripts as JSON text: a name that closes the script it is
	// in must stay a name.
	const itemName = 'City <b>1</b></script><script>window.pwned = true</script>';
	const { url, context, other, total } = await planForAnotherBrowser(
		page,
		browser,
		'Hydrated numbers',
		{ serviceWorkers: 'block' },
		itemName
	);
	// The page's scripts are held until the served grid has been marked.
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	await other.route(/\/_app\/immutable\/entry\//, async (route) => {
		await released;
		await route.continue();
	});
	await other.goto(url, { waitUntil: 'commit' });
	await expect(total.locator('.value')).toHaveText('25');
	await total.evaluate((td) => td.setAttribute('data-served', ''));
	release();

	// Live now, in the very cell the server drew: it was not drawn again, and it follows the plan.
	await expect(other.getByText('All changes saved')).toBeVisible();
	await expect(other.locator('td[data-served]')).toHaveCount(1);
	await typeInto(page, 'CB-1', 'consensus', '2027-01', '30');
	await expect(other.locator('td[data-served] .value')).toHaveText('30');
	await showOnly(other, ['Consensus demand']);
	await expect(other.getByRole('rowheader', { name: `CB-1 ${itemName}` })).toBeInViewport();
	expect(await other.evaluate(() => 'pwned' in window)).toBe(false);
	await context.close();
});
