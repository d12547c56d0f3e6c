import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { SEED, signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { periods as monthsOf } from '../../src/lib/domain/periods.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import type { FvaRow } from '../../src/lib/domain/forecast/fva.ts';
import { accuracyReport } from '../../src/lib/server/forecast/accuracy.ts';
import { buildVersionContent, saveApprovedVersion } from '../../src/lib/server/plan-versions.ts';
import { seedStepDocuments, type SeedValue } from '../../src/lib/server/plan-values.ts';
import { createPlan, getHierarchy, setPlanRole } from '../../src/lib/server/plans.ts';
import { addMember, createWorkspace } from '../../src/lib/server/workspaces.ts';
import { load } from '../../src/routes/plans/[plan]/accuracy/+page.server.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let leader: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let workspaceId: string;
/** Jan–Mar 2027; Feb–Apr, chained to it; Mar–May, chained to that and never approved. */
let jan: string;
let feb: string;
let mar: string;

const FAMILIES = [
	{ name: 'Bikes', items: [{ sku: 'B-1', name: 'Road bike' }] },
	{ name: 'Helmets', items: [{ sku: 'H-1', name: 'Lid' }] }
];

/** A plan of the chain, seeded with `rows` (SKU → measure → values by month) and linked back. */
async function cyclePlan(
	name: string,
	start: string,
	previous: string | null,
	rows: Record<string, Record<string, (number | null)[]>>,
	families = FAMILIES
): Promise<string> {
	const planId = await createPlan(
		db,
		{ workspaceId, name, startMonth: start, horizon: 3, families },
		leader.id
	);
	await db.query(`update plans set previous_plan_id = $2 where id = $1`, [planId, previous]);
	await setPlanRole(db, planId, viewer.id, 'viewer');
	await seed(planId, start, rows);
	return planId;
}

async function seed(
	planId: string,
	start: string,
	rows: Record<string, Record<string, (number | null)[]>>
) {
	const months = monthsOf(start, 3);
	const { items } = await getHierarchy(db, planId);
	const values: SeedValue[] = [];
	for (const [sku, measures] of Object.entries(rows)) {
		const item = items.find((i) => i.sku === sku)!;
		for (const [measureId, series] of Object.entries(measures)) {
			series.forEach((value, t) => {
				if (value !== null) values.push({ ownerId: item.id, period: months[t], measureId, value });
			});
		}
	}
	await seedStepDocuments(db, planId, months, values, SEED);
}

const approve = (planId: string) =>
	db.transaction(async (tx) =>
		saveApprovedVersion(tx, planId, leader.id, await buildVersionContent(tx, planId))
	);

beforeAll(async () => {
	db = await openTestDb();
	setDb(db);
	leader = await signedInUser(db, 'Lee Leader');
	viewer = await signedInUser(db, 'Vic Viewer');
	stranger = await signedInUser(db, 'Stranger');
	workspaceId = await createWorkspace(db, 'Accuracy', leader.id);
	await addMember(db, workspaceId, viewer.id, null);

	const flat = (v: number) => [v, v, v];
	jan = await cyclePlan('January cycle', '2027-01', null, {
		'B-1': { baseline: flat(100), forecast: flat(100), consensus: flat(100) }
	});
	await approve(jan);
	feb = await cyclePlan('February cycle', '2027-02', jan, {
		'B-1': { baseline: flat(200), forecast: flat(200), consensus: flat(200) }
	});
	await approve(feb);
	// The February cycle's second approval is the one that counts.
	await seed(feb, '2027-02', {
		'B-1': { baseline: [60, 60, 60], forecast: [50, 60, 70], consensus: [55, 62, 80] },
		'H-1': { forecast: [4, null, null], actual: [5, null, null] }
	});
	await approve(feb);
	mar = await cyclePlan('March cycle', '2027-03', feb, { 'B-1': { forecast: flat(1) } }, [
		...FAMILIES,
		{ name: 'New', items: [{ sku: 'N-1', name: 'New thing' }] }
	]);
	// A plan outside the chain, approved, forecasting wildly: it must not count.
	const other = await cyclePlan('Other plan', '2027-02', null, {
		'B-1': { forecast: flat(999) }
	});
	await approve(other);

	// Sales history (SKU case as another system spells it); H-1 has none, so its version's counts.
	const history: [string, string, number][] = [
		['b-1', '2026-12', 90],
		['b-1', '2027-01', 110],
		['b-1', '2027-02', 55],
		['b-1', '2027-03', 60],
		['b-1', '2027-04', 80]
	];
	for (const [sku, month, quantity] of history) {
		await db.query(
			`insert into sales_history (workspace_id, sku, month, quantity) values ($1, $2, $3, $4)`,
			[workspaceId, sku, month, quantity]
		);
	}
});
afterAll(() => db.dispose());

describe('accuracyReport', () => {
	it('takes each month’s forecast from the last approved plan of the chain that held it', async () => {
		const { table, versions } = await accuracyReport(db, mar);
		const bike = table.items.find((i) => i.name === 'Road bike (B-1)')!;
		// Forecasts Jan 100 (January cycle), Feb 50, Mar 60, Apr 70 (February cycle, version 2);
		// sales 110, 55, 60, 80 (Σ 305): errors −10, −5, 0, −10.
		expect(bike.scores.forecast.months).toBe(4);
		expect(bike.scores.forecast.wape).toBeCloseTo(25 / 305, 10);
		expect(bike.scores.forecast.bias).toBeCloseTo(-25 / 305, 10);
		// Naive: 90, 110, 55, 60 → errors −20, +55, −5, −20.
		expect(bike.scores.naive.wape).toBeCloseTo(100 / 305, 10);
		expect(bike.scores.naive.bias).toBeCloseTo(10 / 305, 10);
		// Baseline 100, 60, 60, 60 → −10, +5, 0, −20; consensus 100, 55, 62, 80 → −10, 0, +2, 0.
		expect(bike.scores.baseline.wape).toBeCloseTo(35 / 305, 10);
		expect(bike.scores.consensus.wape).toBeCloseTo(12 / 305, 10);
		expect(bike.gains.map((g) => g.wapeGain)).toEqual([
			expect.closeTo(65 / 305, 10),
			expect.closeTo(10 / 305, 10),
			expect.closeTo(13 / 305, 10)
		]);
		expect(table.months).toEqual(['2027-01', '2027-02', '2027-03', '2027-04']);
		expect(versions.map((v) => [v.planName, v.number, v.startMonth])).toEqual([
			['February cycle', 2, '2027-02'],
			['January cycle', 1, '2027-01']
		]);
	});

	it('falls back to a version’s actual sales, and scores nothing for an item no cycle had', async () => {
		const { table } = await accuracyReport(db, mar);
		const lid = table.items.find((i) => i.name === 'Lid (H-1)')!;
		expect(lid.scores.forecast).toEqual({ wape: 0.2, mape: 0.2, bias: -0.2, months: 1 });
		expect(lid.scores.naive.months).toBe(0);
		const fresh = table.items.find((i) => i.name === 'New thing (N-1)')!;
		expect(fresh.scores.forecast.months).toBe(0);
		// The plan pools both items: |−25| + |−1| over 305 + 5.
		expect(table.plan.scores.forecast.wape).toBeCloseTo(26 / 310, 10);
		expect(table.families.map((f) => f.scores.forecast.months)).toEqual([4, 1, 0]);
	});

	it('counts the months with sales and the approved cycles, scored or not', async () => {
		const report = await accuracyReport(db, mar);
		expect(report.salesMonths).toEqual(['2026-12', '2027-01', '2027-02', '2027-03', '2027-04']);
		expect(report.approvedPlans).toBe(2);
		// An approved plan whose months have no sales yet: approved, nothing scored.
		const later = await cyclePlan('June cycle', '2027-06', null, {
			'B-1': { forecast: [100, 100, 100] }
		});
		await approve(later);
		const ahead = await accuracyReport(db, later);
		expect(ahead).toMatchObject({ approvedPlans: 1, versions: [] });
		expect(ahead.table.months).toEqual([]);
		expect(ahead.salesMonths).toEqual(report.salesMonths);
		// An approved plan over months with sales, whose forecasts were all left empty.
		const blank = await cyclePlan('Blank cycle', '2027-02', null, {});
		await approve(blank);
		const unscored = await accuracyReport(db, blank);
		expect(unscored).toMatchObject({ approvedPlans: 1, versions: [] });
		expect(unscored.table.months).toEqual([]);
	});

	it('reads only the cycles up to the plan asked about', async () => {
		const { table } = await accuracyReport(db, jan);
		const bike = table.items[0];
		// Only January's forecasts (100 for Jan–Mar) against 110, 55, 60.
		expect(bike.scores.forecast.months).toBe(3);
		expect(bike.scores.forecast.bias).toBeCloseTo((-10 + 45 + 40) / 225, 10);
	});
});

describe('accuracy page', () => {
	function event(user: TestUser, search = '') {
		return {
			locals: {
				user: { id: user.id, name: user.name, email: 'x@example.test', color: '#000' },
				session: null
			},
			url: new URL(`http://localhost/plans/${mar}/accuracy${search}`),
			params: { plan: mar }
		} as unknown as Parameters<typeof load>[0];
	}

	const page = async (user: TestUser, search = '') =>
		(await load(event(user, search))) as {
			rows: FvaRow[];
			families: { id: string; name: string }[];
			familyId: string;
		};

	it('shows a viewer the plan and its families, or one family and its items', async () => {
		const all = await page(viewer);
		expect(all.rows.map((r) => r.name)).toEqual(['March cycle', 'Bikes', 'Helmets', 'New']);
		const bikesId = all.families[0].id;
		const bikes = await page(viewer, `?family=${bikesId}`);
		expect(bikes.familyId).toBe(bikesId);
		expect(bikes.rows.map((r) => r.name)).toEqual(['Bikes', 'Road bike (B-1)']);
	});

	it('is not there for someone outside the plan', async () => {
		const error = await Promise.resolve(load(event(stranger))).catch((e: unknown) => e);
		expect(isHttpError(error) && error.status).toBe(404);
	});
});
