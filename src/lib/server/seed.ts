import { DEFAULT_REQUIRED, type Signer } from '../domain/cycle.ts';
import type { BusinessFunction, PlanRole, StepNumber } from '../domain/roles.ts';
import { monthIndex, monthOf, monthOfIndex, periods } from '../domain/periods.ts';
import type { SessionUser } from './auth/session.ts';
import { getPlanAccess } from './access.ts';
import { signOff } from './cycle.ts';
import type { Db } from './db/index.ts';
import { demoHistory, demoValues } from './demo-numbers.ts';
import { saveHistory } from './import/sales-history.ts';
import { applyHierarchyChange } from './plan-hierarchy.ts';
import { createPlan, getHierarchy, setPlanRole, type PlanItem } from './plans.ts';
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
/**
 * The cycle before the demo's, approved a quarter earlier: Forecast value add scores its
 * forecasts against the six months sold since, and the demo plan's versions compare with it.
 */
const PREVIOUS_CYCLE = { name: 'S&OP cycle, last quarter (demo)', monthsEarlier: 3 };
const HORIZON = 18;

type DemoUser = (typeof DEMO_USERS)[number] & { user: SessionUser };

/**
 * First start only: a demo workspace, five demo people, an 18-month plan with numbers and the
 * approved plan of the cycle before it.
 */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
	const [{ n }] = await db.query<{ n: string | number }>(`select count(*) as n from users`);
	if (Number(n) > 0) return false;

	const users: DemoUser[] = [];
	for (const u of DEMO_USERS) {
		users.push({ ...u, user: await createUser(db, { ...u, password: DEMO_PASSWORD }) });
	}
	const workspaceId = await createWorkspace(db, 'Demo Cycles Ltd', users[0].user.id);
	for (const u of users.slice(1)) await addMember(db, workspaceId, u.user.id, u.fn);
	const start = monthOf(new Date(), -MONTHS_OF_ACTUALS);

	const { planId: previous } = await seedPlan(db, workspaceId, users, {
		name: PREVIOUS_CYCLE.name,
		first: -PREVIOUS_CYCLE.monthsEarlier,
		start: monthOfIndex(monthIndex(start) - PREVIOUS_CYCLE.monthsEarlier),
		actualMonths: 0
	});
	await approve(db, previous, users, MONTHS_OF_ACTUALS + PREVIOUS_CYCLE.monthsEarlier);
	const { planId: current, items } = await seedPlan(db, workspaceId, users, {
		name: 'S&OP cycle (demo)',
		first: 0,
		start,
		actualMonths: MONTHS_OF_ACTUALS
	});
	await db.query(`update plans set previous_plan_id = $2 where id = $1`, [current, previous]);
	await saveHistory(
		db,
		workspaceId,
		demoHistory(items, start, MONTHS_OF_HISTORY, MONTHS_OF_ACTUALS),
		null
	);

	console.log('\nDemo data created. Sign in with any of these (password: %s):', DEMO_PASSWORD);
	for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(20)} ${u.name} (${u.role})`);
	console.log('');
	return true;
}

/** One of the demo's plans: its people and roles, numbers and lead times. */
async function seedPlan(
	db: Db,
	workspaceId: string,
	users: DemoUser[],
	plan: { name: string; start: string; first: number; actualMonths: number }
): Promise<{ planId: string; items: PlanItem[] }> {
	const planId = await createPlan(
		db,
		{
			workspaceId,
			name: plan.name,
			startMonth: plan.start,
			horizon: HORIZON,
			families: DEMO_FAMILIES.map((f) => ({
				name: f.name,
				items: f.items.map((name, i) => ({
					sku: `${f.name.slice(0, 2).toUpperCase()}-${100 + i}`,
					name
				}))
			}))
		},
		users[0].user.id
	);
	for (const u of users.slice(1)) await setPlanRole(db, planId, u.user.id, u.role);
	const { families, items } = await getHierarchy(db, planId);
	const months = periods(plan.start, HORIZON);
	await seedStepDocuments(
		db,
		planId,
		months,
		demoValues(families, items, months, plan.first, plan.actualMonths),
		{ userId: null, source: 'seed' }
	);
	const leadTimes = new Map(DEMO_FAMILIES.map((f) => [f.name, f.leadTimeDays]));
	const leadTimeOf = new Map(families.map((f) => [f.id, leadTimes.get(f.name)]));
	await applyHierarchyChange(db, planId, {
		families: [],
		items: [],
		updated: items.map((i) => ({ id: i.id, leadTimeDays: leadTimeOf.get(i.family_id) }))
	});
	return { planId, items };
}

const REMARKS: Partial<Record<`${StepNumber}.${Signer}`, string>> = {
	'1.sales': 'Includes the spring promotion on road bikes',
	'2.operations': 'Road bikes at 97 % of capacity: no room for a larger order',
	'4.leader': 'Approved as discussed in the executive review'
};

/** Where a plan's cycle keeps the times it shows. */
const CYCLE_TIMES = [
	['sign_offs', 'signed_at'],
	['plan_steps', 'locked_at'],
	['plan_events', 'created_at'],
	['plan_versions', 'approved_at']
] as const;

/**
 * Every step signed off by the people of the functions it asks for, and the plan approved, as
 * `monthsAgo` months ago: the cycle log and the version read as when the meeting was.
 */
async function approve(db: Db, planId: string, users: DemoUser[], monthsAgo: number) {
	for (const step of [1, 2, 3, 4] as const) {
		for (const signer of DEFAULT_REQUIRED[step]) {
			const { user } = users.find((u) => (signer === 'leader' ? u.role : u.fn) === signer)!;
			const access = (await getPlanAccess(db, user.id, planId))!;
			await signOff(db, { planId, user, access }, step, signer, REMARKS[`${step}.${signer}`] ?? '');
		}
	}
	const ago = `${monthsAgo} months`;
	await db.query(`update plans set created_at = created_at - $2::interval where id = $1`, [
		planId,
		ago
	]);
	for (const [table, column] of CYCLE_TIMES) {
		await db.query(`update ${table} set ${column} = ${column} - $2::interval where plan_id = $1`, [
			planId,
			ago
		]);
	}
}
