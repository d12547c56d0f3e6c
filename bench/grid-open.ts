/**
 * Browser benchmark of the planning grid on a plan of 2,000 items × 36 months with every input
 * measure filled: time to open it (grid drawn with numbers; every document synced and saved),
 * scrolling frame times, and the time from a keystroke to the recomputed family total on screen.
 * Runs the production build (`npm run build` first) on a fresh embedded database; loopback only.
 *
 *   node --import tsx bench/grid-open.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openDb } from '../src/lib/server/db/index.ts';
import {
	FAMILIES,
	launchChromium,
	ITEMS_PER_FAMILY,
	MONTHS,
	median,
	seedLargePlan,
	seededValue,
	signedInPage,
	startServer
} from './browser-bench.ts';

const OPENS = 3;
const PORT = 4319;

const dataDir = mkdtempSync(join(tmpdir(), 'concord-grid-bench-'));

async function seed(): Promise<{ planId: string; cells: number }> {
	const db = await openDb({ dataDir });
	const { planId, cells } = await seedLargePlan(db);
	await db.close();
	return { planId, cells };
}

/** The plan-total forecast of the first month, as the grid shows it once every item is in. */
function expectedTotal(): string {
	let total = 0;
	for (let i = 0; i < FAMILIES * ITEMS_PER_FAMILY; i++) total += seededValue(i, 0, 'forecast');
	return total.toLocaleString('en');
}

async function openPlan(page: Page, url: string) {
	const started = Date.now();
	await page.goto(url);
	// The plan total needs every item's cells loaded and computed: the grid is ready when it is right.
	await page.waitForFunction(
		([selector, text]) => document.querySelector(selector)?.textContent === text,
		[
			'tr.total td[data-measure="forecast"][data-period="2027-01"] .value',
			expectedTotal()
		] as const,
		{ timeout: 60_000 }
	);
	const drawn = Date.now() - started;
	await page.getByText('All changes saved').waitFor({ timeout: 60_000 });
	return { drawn, synced: Date.now() - started };
}

async function scrollFrames(page: Page) {
	return page.getByRole('grid', { name: 'Plan grid' }).evaluate(async (grid) => {
		const frames: number[] = [];
		let last = performance.now();
		for (let i = 0; i < 120; i++) {
			grid.scrollBy({ top: 480 });
			await new Promise((r) => requestAnimationFrame(r));
			const now = performance.now();
			frames.push(now - last);
			last = now;
		}
		frames.sort((a, b) => a - b);
		return { p50: frames[60], p95: frames[Math.floor(frames.length * 0.95)], max: frames.at(-1)! };
	});
}

async function editToTotal(page: Page) {
	const grid = page.getByRole('grid', { name: 'Plan grid' });
	const target = page.locator(
		'td[data-sku="F1-1"][data-measure="consensus"][data-period="2027-01"]'
	);
	await grid.evaluate((el) => el.scrollTo({ top: 0 }));
	while ((await target.count()) === 0) await grid.evaluate((el) => el.scrollBy({ top: 300 }));
	await target.scrollIntoViewIfNeeded();
	const familyTotal = page
		.locator('tr.family td[data-measure="consensus"][data-period="2027-01"] .value')
		.first();
	const before = await familyTotal.textContent();
	await target.click();
	await page.keyboard.type('999');
	// Timed in the page from the Enter that commits to the next frames that show the results.
	return page.evaluate(
		([before]) =>
			new Promise<{ total: number; kpi: number }>((resolve) => {
				const kpi = document.querySelector('[data-kpi="demand"] strong')!;
				const kpiBefore = kpi.textContent;
				const total = () =>
					document.querySelector(
						'tr.family td[data-measure="consensus"][data-period="2027-01"] .value'
					);
				const started = performance.now();
				let totalAt = 0;
				const poll = () => {
					if (performance.now() - started > 10_000) return resolve({ total: NaN, kpi: NaN });
					if (!totalAt && total()?.textContent !== before) totalAt = performance.now() - started;
					if (totalAt && kpi.textContent !== kpiBefore) {
						resolve({ total: totalAt, kpi: performance.now() - started });
					} else requestAnimationFrame(poll);
				};
				document.activeElement?.dispatchEvent(
					new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
				);
				requestAnimationFrame(poll);
			}),
		[before] as const
	);
}

async function main() {
	console.log(`Seeding ${FAMILIES * ITEMS_PER_FAMILY} items × ${MONTHS} months…`);
	const seeded = Date.now();
	const { planId, cells } = await seed();
	console.log(`  ${cells.toLocaleString('en')} cells in ${Date.now() - seeded} ms`);
	const stop = await startServer(dataDir, PORT);
	const browser = await launchChromium();
	try {
		const page = await signedInPage(browser, PORT);
		const url = `http://localhost:${PORT}/plans/${planId}`;
		const opens = [];
		for (let i = 0; i < OPENS; i++) opens.push(await openPlan(page, url));
		const scroll = await scrollFrames(page);
		const edit = await editToTotal(page);
		const rows = await page.getByRole('grid', { name: 'Plan grid' }).getAttribute('aria-rowcount');
		console.log('\nGrid benchmark (production build, Chromium, 2 cores)');
		console.log(
			`  plan: ${FAMILIES * ITEMS_PER_FAMILY} items × ${MONTHS} months, ${rows} grid rows, ${cells.toLocaleString('en')} typed cells`
		);
		console.log(
			`  open → numbers drawn     median ${median(opens.map((o) => o.drawn))} ms   (runs: ${opens.map((o) => o.drawn).join(', ')}; target < 2000 ms)`
		);
		console.log(
			`  open → all synced+saved  median ${median(opens.map((o) => o.synced))} ms   (runs: ${opens.map((o) => o.synced).join(', ')})`
		);
		console.log(
			`  scroll frame time        p50 ${scroll.p50.toFixed(1)} ms, p95 ${scroll.p95.toFixed(1)} ms, max ${scroll.max.toFixed(1)} ms (120 jumps of 480 px)`
		);
		console.log(
			`  Enter → family total shown ${edit.total.toFixed(0)} ms, → KPI strip updated ${edit.kpi.toFixed(0)} ms (charts open)`
		);
	} finally {
		await browser.close();
		await stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

await main();
