/**
 * What the browser benchmarks share: the 2,000-item × 36-month plan with every input measure
 * filled, seeded into an embedded database; the production server (`npm run build` first) started
 * on it; and a Chromium page signed in. Loopback only.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/chromium.ts';
import type { Db } from '../src/lib/server/db/index.ts';
import { periods as monthsFrom } from '../src/lib/domain/periods.ts';
import {
	createPlan,
	getHierarchy,
	type PlanFamily,
	type PlanItem
} from '../src/lib/server/plans.ts';
import { seedStepDocuments, type SeedValue } from '../src/lib/server/plan-values.ts';
import { createUser } from '../src/lib/server/users.ts';
import { createWorkspace } from '../src/lib/server/workspaces.ts';
import { sampleFamilies, SEED } from '../tests/helpers/fixtures.ts';
import { spawnServer } from './server-process.ts';

export const FAMILIES = 20;
export const ITEMS_PER_FAMILY = 100;
export const MONTHS = 36;
export const START_MONTH = '2027-01';
const EMAIL = 'bench@example.test';
const PASSWORD = 'bench-password-123';

/** Item i's (in plan order) demand in month m; its other measures follow from it. */
const demandOf = (i: number, m: number) => 50 + ((i * 7 + m * 3) % 60);

/** Item i's seeded value of an input measure in month m (opening stock is in month 0 only). */
export function seededValue(i: number, m: number, measureId: string): number {
	const demand = demandOf(i, m);
	const price = 20 + (i % 80);
	switch (measureId) {
		case 'baseline':
			return demand;
		case 'forecast':
			return demand + 2;
		case 'marketing':
			return m % 4 === 0 ? 5 : 0;
		case 'consensus':
			return demand + 3;
		case 'production':
			return demand;
		case 'receipts':
			return m % 3 === 0 ? 10 : 0;
		case 'safety':
			return 30;
		case 'price':
			return price;
		case 'cost':
			return 12 + (i % 40);
		case 'budget':
			return (demand + 2) * price;
		default:
			throw new Error(`not seeded: ${measureId}`);
	}
}

const ITEM_MEASURES = [
	'baseline',
	'forecast',
	'marketing',
	'consensus',
	'production',
	'receipts',
	'safety',
	'price',
	'cost',
	'budget'
];

export interface LargePlan {
	planId: string;
	userId: string;
	families: PlanFamily[];
	/** In plan order: item i is the i of `seededValue`. */
	items: PlanItem[];
	months: string[];
	/** Typed cells seeded. */
	cells: number;
}

/** Creates the bench user, a workspace and the large plan, every input measure filled. */
export async function seedLargePlan(db: Db): Promise<LargePlan> {
	const user = await createUser(db, { email: EMAIL, name: 'Bench', password: PASSWORD });
	const workspaceId = await createWorkspace(db, 'Bench', user.id);
	const planId = await createPlan(
		db,
		{
			workspaceId,
			name: 'Large plan',
			startMonth: START_MONTH,
			horizon: MONTHS,
			families: sampleFamilies(FAMILIES, ITEMS_PER_FAMILY)
		},
		user.id
	);
	const { families, items } = await getHierarchy(db, planId);
	const months = monthsFrom(START_MONTH, MONTHS);
	const values: SeedValue[] = [];
	items.forEach((item, i) => {
		values.push({
			ownerId: item.id,
			period: months[0],
			measureId: 'opening',
			value: 100 + (i % 50)
		});
		months.forEach((period, m) => {
			for (const measureId of ITEM_MEASURES) {
				values.push({ ownerId: item.id, period, measureId, value: seededValue(i, m, measureId) });
			}
		});
	});
	for (const family of families) {
		for (const period of months) {
			values.push({
				ownerId: family.id,
				period,
				measureId: 'capacity',
				value: ITEMS_PER_FAMILY * 80
			});
		}
	}
	await seedStepDocuments(db, planId, months, values, SEED);
	return { planId, userId: user.id, families, items, months, cells: values.length };
}

/** Starts the production server on the data folder; resolves to a function that stops it. */
export async function startServer(dataDir: string, port: number): Promise<() => Promise<void>> {
	const { stop } = await spawnServer(port, { PGLITE_DIR: dataDir, CONCORD_DEMO: 'off' });
	return stop;
}

/** The browser for the benchmarks: Debian's Chromium as the tests start it. */
export const launchChromium = () => chromium.launch(chromiumLaunchOptions);

/** A new page signed in as the bench user on the server at `port`. */
export async function signedInPage(browser: Browser, port: number): Promise<Page> {
	const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
	// tsx names functions with a `__name` helper; functions sent to the page need it there too.
	await page.addInitScript('globalThis.__name = (fn) => fn');
	await page.goto(`http://localhost:${port}/signin`);
	await page.getByLabel('Email').fill(EMAIL);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
	return page;
}

/** The plan-total forecast of the first month, as the grid shows it once every item is in. */
function expectedTotal(): string {
	let total = 0;
	for (let i = 0; i < FAMILIES * ITEMS_PER_FAMILY; i++) total += seededValue(i, 0, 'forecast');
	return total.toLocaleString('en');
}

/** The value of the plan total's first month in the grid. */
const PLAN_TOTAL = 'tr.total td[data-measure="forecast"][data-period="2027-01"] .value';

/**
 * Waits for the large plan's numbers on screen. The plan total needs every item's cells loaded and
 * computed: the grid is ready when it is right. The wait is a poll run in the page, so it sees the
 * numbers only once the page's scripts let it run; `watchNumbersPainted` says when they showed.
 */
export async function numbersDrawn(page: Page): Promise<void> {
	await page.waitForFunction(
		([selector, text]) => document.querySelector(selector)?.textContent === text,
		[PLAN_TOTAL, expectedTotal()] as const,
		{ timeout: 60_000 }
	);
}

/**
 * Before `page`'s next navigation: notes when the plan total, right, is first painted (Chromium's
 * element timing, on the page's clock), read back by `numbersPaintedAt`. The cell is marked for it
 * as the page's parser or scripts insert it, before any paint.
 */
export async function watchNumbersPainted(page: Page): Promise<void> {
	/** What Chromium's element timing entries carry (TypeScript's DOM types lack them). */
	type Painted = { identifier: string; renderTime: number };
	await page.addInitScript(
		([selector, text]) => {
			const seen = globalThis as unknown as { __numbersPainted?: number };
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries() as (PerformanceEntry & Painted)[]) {
					if (entry.identifier === 'plan-total') seen.__numbersPainted ??= entry.renderTime;
				}
			}).observe({ type: 'element', buffered: true });
			const observer = new MutationObserver(() => {
				const cell = document.querySelector(selector);
				if (cell?.textContent !== text) return;
				// Chromium times text by the block that holds it: the cell, not its inline value.
				cell.closest('td')!.setAttribute('elementtiming', 'plan-total');
				observer.disconnect();
			});
			observer.observe(document, { childList: true, subtree: true, characterData: true });
		},
		[PLAN_TOTAL, expectedTotal()] as const
	);
}

/** When the plan total was painted, in ms since the epoch (see `watchNumbersPainted`). */
export async function numbersPaintedAt(page: Page): Promise<number> {
	const handle = await page.waitForFunction(
		() => {
			const painted = (globalThis as unknown as { __numbersPainted?: number }).__numbersPainted;
			return painted === undefined ? false : performance.timeOrigin + painted;
		},
		undefined,
		{ timeout: 10_000 }
	);
	return (await handle.jsonValue()) as number;
}
