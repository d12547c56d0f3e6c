/**
 * Browser benchmark of opening the 2,000-item plan from this browser's local copy (IndexedDB,
 * issue 19) against opening it fresh from the server: time from navigation to the numbers drawn.
 * Fresh opens each use a new browser profile (no local copy); reopens reload a page that has the
 * copy, online (local copy, then the difference from the server) and offline (local copy and the
 * service worker's cached page only). Medians of repeats. Runs the production build (`npm run
 * build` first) on a fresh embedded database; loopback only.
 *
 *   node --import tsx bench/offline-open.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openDb } from '../src/lib/server/db/index.ts';
import {
	FAMILIES,
	ITEMS_PER_FAMILY,
	launchChromium,
	MONTHS,
	numbersDrawn,
	seedLargePlan,
	signedInPage,
	startServer
} from './browser-bench.ts';
import { median } from './stats.ts';

const REPEATS = 3;
const PORT = 4333;

const dataDir = mkdtempSync(join(tmpdir(), 'concord-offline-bench-'));

async function timed(page: Page, open: () => Promise<unknown>): Promise<number> {
	const started = Date.now();
	await open();
	await numbersDrawn(page);
	return Date.now() - started;
}

async function main() {
	const db = await openDb({ dataDir });
	const { planId, cells } = await seedLargePlan(db);
	await db.close();
	const stop = await startServer(dataDir, PORT);
	const browser = await launchChromium();
	const url = `http://localhost:${PORT}/plans/${planId}`;
	try {
		const fresh: number[] = [];
		const online: number[] = [];
		const offline: number[] = [];
		for (let i = 0; i < REPEATS; i++) {
			const page = await signedInPage(browser, PORT);
			fresh.push(await timed(page, () => page.goto(url)));
			// Saved everywhere and written to the local copy before it is read back.
			await page.getByText('All changes saved').waitFor({ timeout: 60_000 });
			await page.evaluate(() => navigator.serviceWorker.ready);
			await page.waitForTimeout(500);
			online.push(await timed(page, () => page.reload()));
			await page.getByText('All changes saved').waitFor({ timeout: 60_000 });
			await page.context().setOffline(true);
			offline.push(await timed(page, () => page.reload()));
			await page.context().close();
		}
		const runs = (xs: number[]) => xs.join(', ');
		console.log('\nOffline open benchmark (production build, Chromium, 2 cores)');
		console.log(
			`  plan: ${FAMILIES * ITEMS_PER_FAMILY} items × ${MONTHS} months, ${cells.toLocaleString('en')} typed cells`
		);
		console.log(
			`  fresh from the server → numbers drawn   median ${median(fresh)} ms   runs: ${runs(fresh)}`
		);
		console.log(
			`  reopen, local copy, online             median ${median(online)} ms   runs: ${runs(online)}`
		);
		console.log(
			`  reopen, local copy, offline            median ${median(offline)} ms   runs: ${runs(offline)}`
		);
	} finally {
		await browser.close();
		await stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

await main();
