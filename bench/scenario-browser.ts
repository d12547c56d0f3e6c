/**
 * Browser benchmark of scenarios on the 2,000-item × 36-month plan (issue 16's targets): opening a
 * scenario (< 2 s, with the live plan opened in the same run as the reference) and opening the
 * compare view of the plan and three scenarios (< 3 s). The scenarios' changes are written into
 * their documents' logs before the server starts, as if people had made them.
 * Runs the production build (`npm run build` first) on a fresh embedded database; loopback only.
 *
 *   node --import tsx bench/scenario-browser.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import { scenarioDocument, scenarioLedgerDocument } from '../src/lib/domain/documents.ts';
import { formatValue } from '../src/lib/domain/format.ts';
import { cellKey } from '../src/lib/domain/measures.ts';
import { formatKpiDelta } from '../src/lib/domain/kpi-deltas.ts';
import {
	SCENARIO_CELLS_MAP,
	SCENARIO_FORK_MAP,
	SCENARIO_WRITERS_MAP
} from '../src/lib/domain/scenario/document.ts';
import { editWriter } from '../src/lib/domain/scenario/ledger.ts';
import { openDb, type Db } from '../src/lib/server/db/index.ts';
import { insertScenario } from '../src/lib/server/scenarios.ts';
import { appendUpdates } from '../src/lib/server/yjs-log.ts';
import {
	FAMILIES,
	ITEMS_PER_FAMILY,
	MONTHS,
	launchChromium,
	seedLargePlan,
	seededValue,
	signedInPage,
	startServer,
	type LargePlan
} from './browser-bench.ts';
import { median } from './stats.ts';

const OPENS = 3;
const PORT = 4321;
const TIMEOUT = 60_000;

/** One changed cell: item i (plan order), month m, its plan value and the scenario's. */
interface Change {
	i: number;
	m: number;
	measureId: string;
	plan: number;
	value: number;
}

interface SeededScenario {
	id: string;
	name: string;
	changes: Change[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** What each scenario changes: item indexes × months × measure, and how. */
const SCENARIOS: {
	name: string;
	measureId: string;
	items: number[];
	months: number[];
	change: (plan: number) => number;
}[] = [
	{
		// 2,000 items × 10 months = 20,000 cells, as a whole-plan lever writes them.
		name: 'Consensus up 20 %',
		measureId: 'consensus',
		items: range(FAMILIES * ITEMS_PER_FAMILY),
		months: range(10),
		change: (plan) => Math.round(plan * 1.2)
	},
	{
		// Family 2's production over the horizon: 100 items × 36 months = 3,600 cells.
		name: 'Family 2 produces 15 % more',
		measureId: 'production',
		items: range(ITEMS_PER_FAMILY).map((i) => ITEMS_PER_FAMILY + i),
		months: range(MONTHS),
		change: (plan) => Math.round(plan * 1.15)
	},
	{
		// 25 items of family 3 over a year: 300 price cells.
		name: 'Price cut on 25 items',
		measureId: 'price',
		items: range(25).map((i) => 2 * ITEMS_PER_FAMILY + i),
		months: range(12),
		change: (plan) => round2(plan * 0.95)
	}
];

function range(n: number): number[] {
	return Array.from({ length: n }, (_, i) => i);
}

const dataDir = mkdtempSync(join(tmpdir(), 'concord-scenario-bench-'));

/** A scenario row and its document's log: every change with the plan's value then and its writer. */
async function seedScenario(
	db: Db,
	plan: LargePlan,
	spec: (typeof SCENARIOS)[number]
): Promise<SeededScenario> {
	const id = await insertScenario(
		db,
		plan.planId,
		{ name: spec.name, description: '', visibility: 'plan' },
		null,
		plan.userId
	);
	const changes = spec.items.flatMap((i) =>
		spec.months.map((m) => {
			const planValue = seededValue(i, m, spec.measureId);
			return { i, m, measureId: spec.measureId, plan: planValue, value: spec.change(planValue) };
		})
	);
	// The cells in the scenario's document, the ledger in the server's document beside it.
	const doc = new Y.Doc();
	const ledger = new Y.Doc();
	const cells = doc.getMap<number>(SCENARIO_CELLS_MAP);
	const fork = ledger.getMap<number>(SCENARIO_FORK_MAP);
	const writers = ledger.getMap<string>(SCENARIO_WRITERS_MAP);
	for (const c of changes) {
		const key = cellKey(plan.items[c.i].id, plan.months[c.m], c.measureId);
		cells.set(key, c.value);
		fork.set(key, c.plan);
		writers.set(key, editWriter(plan.userId));
	}
	for (const [name, d] of [
		[scenarioDocument(plan.planId, id), doc],
		[scenarioLedgerDocument(plan.planId, id), ledger]
	] as const) {
		await appendUpdates(db, name, [{ update: Y.encodeStateAsUpdate(d), userId: plan.userId }]);
		d.destroy();
	}
	return { id, name: spec.name, changes };
}

async function seed() {
	const db = await openDb({ dataDir });
	const plan = await seedLargePlan(db);
	const scenarios: SeededScenario[] = [];
	for (const spec of SCENARIOS) scenarios.push(await seedScenario(db, plan, spec));
	await db.close();
	return { plan, scenarios };
}

/** The plan total of consensus in the first month, as the grid shows it, with a scenario's changes. */
function consensusTotal(changes: readonly Change[] = []): string {
	let total = 0;
	for (let i = 0; i < FAMILIES * ITEMS_PER_FAMILY; i++) total += seededValue(i, 0, 'consensus');
	for (const c of changes) if (c.measureId === 'consensus' && c.m === 0) total += c.value - c.plan;
	return formatValue(total, 'units');
}

const TOTAL = 'tr.total td[data-measure="consensus"][data-period="2027-01"] .value';

/** The first item's consensus in the first month: under the totals, so the grid scrolls to it. */
const CELL = 'td[data-sku="F1-1"][data-measure="consensus"][data-period="2027-01"]';
const GRID = '[role="grid"][aria-label="Plan grid"]';

/**
 * Opens the grid at `url` and times it until the plan total (it needs every item loaded) reads
 * `total`, then the grid scrolled down to the first item's consensus shows `cell` (on a scenario,
 * marked changed); then until every document is synced and saved.
 */
async function openGrid(page: Page, url: string, total: string, cell: string, changed: boolean) {
	const started = Date.now();
	await page.goto(url);
	// Checked on every frame; once the totals are right it scrolls a step until the cell is drawn.
	await page.waitForFunction(
		([selectors, total, cell, changed]) => {
			// Scrolling takes the totals out of the DOM: the page remembers they were right.
			const seen = globalThis as { totalSeen?: boolean };
			seen.totalSeen ||= document.querySelector(selectors.total)?.textContent === total;
			if (!seen.totalSeen) return false;
			const td = document.querySelector(selectors.cell);
			if (!td) {
				document.querySelector(selectors.grid)?.scrollBy({ top: 600 });
				return false;
			}
			return (
				td.classList.contains('changed') === changed &&
				td.querySelector('.value')?.textContent === cell
			);
		},
		[{ total: TOTAL, cell: CELL, grid: GRID }, total, cell, changed] as const,
		{ timeout: TIMEOUT }
	);
	const drawn = Date.now() - started;
	await page.getByText('All changes saved').waitFor({ timeout: TIMEOUT });
	return { drawn, synced: Date.now() - started };
}

/**
 * Opens the compare view and times it until the KPI table shows the first scenario's change of
 * demand, then until the status says the comparison is up to date.
 */
async function openCompare(page: Page, url: string, scenarioId: string, demandDelta: string) {
	const started = Date.now();
	await page.goto(url);
	const kpis = page.getByRole('table', { name: 'Key figures: plan and scenarios' });
	const delta = kpis.locator(`tr[data-kpi="demand"] td[data-scenario="${scenarioId}"]`);
	await delta.filter({ hasText: demandDelta }).waitFor({ timeout: TIMEOUT });
	const shown = Date.now() - started;
	await page.getByRole('status').filter({ hasText: 'Up to date' }).waitFor({ timeout: TIMEOUT });
	return { shown, upToDate: Date.now() - started };
}

const runs = (xs: number[]) => `median ${median(xs)} ms   (runs: ${xs.join(', ')})`;

async function main() {
	console.log(`Seeding ${FAMILIES * ITEMS_PER_FAMILY} items × ${MONTHS} months and 3 scenarios…`);
	const seeded = Date.now();
	const { plan, scenarios } = await seed();
	console.log(
		`  ${plan.cells.toLocaleString('en')} plan cells, scenarios of ${scenarios.map((s) => s.changes.length.toLocaleString('en')).join(' / ')} changed cells, in ${Date.now() - seeded} ms`
	);
	const [first] = scenarios;
	// CELL's value in the plan and in the first scenario (its first change is that cell's).
	const planCell = formatValue(seededValue(0, 0, 'consensus'), 'units');
	const scenarioCell = formatValue(first.changes[0].value, 'units');
	const demandDelta = formatKpiDelta(
		'demand',
		first.changes.reduce((sum, c) => sum + c.value - c.plan, 0),
		''
	);
	const base = `http://localhost:${PORT}/plans/${plan.planId}`;
	const compareUrl = `${base}/scenarios/compare?${scenarios.map((s) => `s=${s.id}`).join('&')}`;

	const stop = await startServer(dataDir, PORT);
	const browser = await launchChromium();
	try {
		const page = await signedInPage(browser, PORT);
		const planOpens = [];
		const scenarioOpens = [];
		for (let i = 0; i < OPENS; i++) {
			planOpens.push(await openGrid(page, base, consensusTotal(), planCell, false));
			scenarioOpens.push(
				await openGrid(
					page,
					`${base}/scenarios/${first.id}`,
					consensusTotal(first.changes),
					scenarioCell,
					true
				)
			);
		}
		const compares = [];
		for (let i = 0; i < OPENS; i++) {
			compares.push(await openCompare(page, compareUrl, first.id, demandDelta));
		}
		const ratio =
			median(scenarioOpens.map((o) => o.synced)) / median(planOpens.map((o) => o.synced));
		console.log('\nScenario benchmark (production build, Chromium, 2 cores)');
		console.log(
			`  plan: ${FAMILIES * ITEMS_PER_FAMILY} items × ${MONTHS} months; scenarios: ${scenarios.map((s) => `${s.name} (${s.changes.length.toLocaleString('en')} cells)`).join(', ')}`
		);
		console.log(`  scenario open → its values drawn    ${runs(scenarioOpens.map((o) => o.drawn))}`);
		console.log(
			`  scenario open → all synced+saved    ${runs(scenarioOpens.map((o) => o.synced))}; target < 2000 ms`
		);
		console.log(`  live plan open → numbers drawn     ${runs(planOpens.map((o) => o.drawn))}`);
		console.log(`  live plan open → all synced+saved  ${runs(planOpens.map((o) => o.synced))}`);
		console.log(`  scenario ÷ live plan (synced)      ${ratio.toFixed(2)}×`);
		console.log(
			`  compare plan + 3 → demand delta ${demandDelta} shown  ${runs(compares.map((o) => o.shown))}`
		);
		console.log(
			`  compare plan + 3 → "Up to date"    ${runs(compares.map((o) => o.upToDate))}; target < 3000 ms`
		);
	} finally {
		await browser.close();
		await stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

await main();
