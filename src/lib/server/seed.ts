import type { HistoryRow } from '../domain/import/history-changes.ts';
import type { BusinessFunction, PlanRole } from '../domain/roles.ts';
import { monthIndex, monthOf, monthOfIndex, periods } from '../domain/periods.ts';
import type { Db } from './db/index.ts';
import { saveHistory } from './import/sales-history.ts';
import { applyHierarchyChange } from './plan-hierarchy.ts';
import { createPlan, getHierarchy, setPlanRole, type PlanFamily, type PlanItem } from './plans.ts';
import { seedStepDocuments } from './plan-values.ts';
import { createUser } from './users.ts';
import { addMember, createWorkspace } from './workspaces.ts';

export const DEMO_PASSWORD = 'concord-demo';

export const DEMO_USERS: {
	email: string;
	name: string;
	fn: BusinessFunction | null;
	role: PlanRole;
}[] = [
	{ email: 'lee@demo.concord', name: 'Lee Leader', fn: null, role: 'leader' },
	{ email: 'sam@demo.concord', name: 'Sam Sales', fn: 'sales', role: 'editor' },
	{ email: 'olu@demo.concord', name: 'Olu Operations', fn: 'operations', role: 'editor' },
	{ email: 'fay@demo.concord', name: 'Fay Finance', fn: 'finance', role: 'editor' },
	{ email: 'vic@demo.concord', name: 'Vic Viewer', fn: null, role: 'viewer' }
];

/** Lead times in days: frames come from overseas, accessories from a nearby wholesaler. */
const DEMO_FAMILIES = [
	{
		name: 'Road bikes',
		leadTimeDays: 60,
		items: ['Aero 56', 'Aero 58', 'Endurance 54', 'Endurance 56']
	},
	{ name: 'Mountain bikes', leadTimeDays: 45, items: ['Trail 29 M', 'Trail 29 L', 'Enduro 27.5'] },
	{ name: 'Accessories', leadTimeDays: 14, items: ['Helmet', 'Light set', 'Pump', 'Bottle cage'] }
];

/** The demo cycle began three months ago, so it has actual sales to measure forecasts against. */
const MONTHS_OF_ACTUALS = 3;
/**
 * The workspace's sales history before the plan: four years, enough for the statistical baseline
 * to find the bikes' season and backtest its forecast, so "Refresh baseline" shows what it does.
 */
const MONTHS_OF_HISTORY = 48;

/** First start only: a demo workspace, five demo people and an 18-month plan with numbers. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
	const [{ n }] = await db.query<{ n: string | number }>(`select count(*) as n from users`);
	if (Number(n) > 0) return false;

	const users = [];
	for (const u of DEMO_USERS) {
		users.push({ ...u, id: (await createUser(db, { ...u, password: DEMO_PASSWORD })).id });
	}
	const leader = users[0];
	const workspaceId = await createWorkspace(db, 'Demo Cycles Ltd', leader.id);
	const start = monthOf(new Date(), -MONTHS_OF_ACTUALS);
	const planId = await createPlan(
		db,
		{
			workspaceId,
			name: 'S&OP cycle (demo)',
			startMonth: start,
			horizon: 18,
			families: DEMO_FAMILIES.map((f) => ({
				name: f.name,
				items: f.items.map((name, i) => ({
					sku: `${f.name.slice(0, 2).toUpperCase()}-${100 + i}`,
					name
				}))
			}))
		},
		leader.id
	);
	for (const u of users.slice(1)) {
		await addMember(db, workspaceId, u.id, u.fn);
		await setPlanRole(db, planId, u.id, u.role);
	}
	const { families, items } = await getHierarchy(db, planId);
	const months = periods(start, 18);
	await seedStepDocuments(db, planId, months, demoValues(families, items, months), {
		userId: null,
		source: 'seed'
	});
	await saveHistory(db, workspaceId, demoHistory(items, start), null);
	const leadTimes = new Map(DEMO_FAMILIES.map((f) => [f.name, f.leadTimeDays]));
	const leadTimeOf = new Map(families.map((f) => [f.id, leadTimes.get(f.name)]));
	await applyHierarchyChange(db, planId, {
		families: [],
		items: [],
		updated: items.map((i) => ({ id: i.id, leadTimeDays: leadTimeOf.get(i.family_id) }))
	});

	console.log('\nDemo data created. Sign in with any of these (password: %s):', DEMO_PASSWORD);
	for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(20)} ${u.name} (${u.role})`);
	console.log('');
	return true;
}

/**
 * Plausible, repeatable numbers: a seasonal baseline per item, plans that roughly follow it, and
 * a couple of tight spots (a family near its capacity, an item running short) worth discussing.
 */
function demoValues(families: PlanFamily[], items: PlanItem[], months: string[]) {
	const values: { ownerId: string; period: string; measureId: string; value: number }[] = [];
	const put = (ownerId: string, period: string, measureId: string, value: number) =>
		values.push({ ownerId, period, measureId, value });
	items.forEach((item, i) => {
		const base = baseOf(i);
		const price = 40 + ((i * 53) % 900);
		put(item.id, months[0], 'opening', Math.round(base * (i % 4 === 1 ? 0.3 : 1.2)));
		months.forEach((period, m) => {
			const baseline = baselineOf(i, m);
			const forecast = forecastOf(i, m);
			put(item.id, period, 'baseline', baseline);
			put(item.id, period, 'forecast', forecast);
			put(item.id, period, 'consensus', forecast);
			if (m < MONTHS_OF_ACTUALS) put(item.id, period, 'actual', soldOf(i, m));
			put(item.id, period, 'production', Math.round(base * 1.02));
			if (m % 3 === 0) put(item.id, period, 'receipts', Math.round(base * 0.1));
			put(item.id, period, 'safety', Math.round(base * 0.5));
			put(item.id, period, 'price', price);
			put(item.id, period, 'cost', Math.round(price * 0.62 * 100) / 100);
			put(item.id, period, 'budget', Math.round(baseline * price));
		});
	});
	families.forEach((family, f) => {
		const production = items
			.map((item, i) => (item.family_id === family.id ? Math.round(baseOf(i) * 1.02) : 0))
			.reduce((a, b) => a + b, 0);
		const headroom = f === 0 ? 0.97 : 1.15;
		for (const period of months)
			put(family.id, period, 'capacity', Math.round(production / headroom));
	});
	return values;
}

/** Item `i`'s typical month, and its seasonal baseline and sales forecast in plan month `m`. */
const baseOf = (i: number) => 80 + ((i * 37) % 120);
const baselineOf = (i: number, m: number) =>
	Math.round(baseOf(i) * (1 + 0.25 * Math.sin(((m + i) / 12) * 2 * Math.PI)));
const forecastOf = (i: number, m: number) => Math.round(baselineOf(i, m) * 1.05);

/**
 * What item `i` sold in plan month `m`: its forecast, 15 % under to 14 % over it in the plan's
 * months; before the plan, on a market that grew 5 % a year, up to 12 % either side of it, the
 * same every time (a hash of the month, not a random draw).
 */
function soldOf(i: number, m: number): number {
	if (m >= 0) return Math.round(forecastOf(i, m) * (0.85 + ((i * 7 + m * 5) % 30) / 100));
	const hash = Math.abs(Math.sin(i * 12.9898 + m * 78.233) * 43758.5453) % 1;
	return Math.round(forecastOf(i, m) * (1 + (0.05 * m) / 12) * (0.88 + 0.24 * hash));
}

/** The workspace's sales of the demo items: the years before the plan, and its actual months. */
function demoHistory(items: PlanItem[], start: string): HistoryRow[] {
	const first = monthOfIndex(monthIndex(start) - MONTHS_OF_HISTORY);
	const months = periods(first, MONTHS_OF_HISTORY + MONTHS_OF_ACTUALS);
	return items.flatMap((item, i) =>
		months.map((month, k) => ({
			sku: item.sku,
			month,
			quantity: soldOf(i, k - MONTHS_OF_HISTORY)
		}))
	);
}
