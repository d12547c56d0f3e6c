import type { BusinessFunction, PlanRole } from '../domain/roles.ts';
import { periods } from '../domain/periods.ts';
import type { Db } from './db/index.ts';
import { createPlan, getHierarchy, setPlanRole } from './plans.ts';
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

const DEMO_FAMILIES = [
	{ name: 'Road bikes', items: ['Aero 56', 'Aero 58', 'Endurance 54', 'Endurance 56'] },
	{ name: 'Mountain bikes', items: ['Trail 29 M', 'Trail 29 L', 'Enduro 27.5'] },
	{ name: 'Accessories', items: ['Helmet', 'Light set', 'Pump', 'Bottle cage'] }
];

function currentMonth(): string {
	const now = new Date();
	return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

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
	const start = currentMonth();
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
	const { items } = await getHierarchy(db, planId);
	await seedStepDocuments(
		db,
		planId,
		demoValues(
			items.map((i) => i.id),
			periods(start, 18)
		)
	);

	console.log('\nDemo data created. Sign in with any of these (password: %s):', DEMO_PASSWORD);
	for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(20)} ${u.name} (${u.role})`);
	console.log('');
	return true;
}

/** Plausible, repeatable numbers: a seasonal baseline per item and plans that roughly follow it. */
function demoValues(itemIds: string[], months: string[]) {
	const values: { itemId: string; period: string; measureId: string; value: number }[] = [];
	itemIds.forEach((itemId, i) => {
		const base = 80 + ((i * 37) % 120);
		const price = 40 + ((i * 53) % 900);
		months.forEach((period, m) => {
			const season = 1 + 0.25 * Math.sin(((m + i) / 12) * 2 * Math.PI);
			const baseline = Math.round(base * season);
			const forecast = Math.round(baseline * 1.05);
			const put = (measureId: string, value: number) =>
				values.push({ itemId, period, measureId, value });
			put('baseline', baseline);
			put('forecast', forecast);
			put('consensus', forecast);
			put('production', Math.round(base * 1.02));
			put('safety', Math.round(base * 0.5));
			put('price', price);
			put('cost', Math.round(price * 0.62 * 100) / 100);
		});
	});
	return values;
}
