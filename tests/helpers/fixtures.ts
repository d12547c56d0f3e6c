import type { Db } from '../../src/lib/server/db/index.ts';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session.ts';
import type { BusinessFunction, PlanRole } from '../../src/lib/domain/roles.ts';
import { createUser } from '../../src/lib/server/users.ts';
import { addMember, createWorkspace } from '../../src/lib/server/workspaces.ts';
import { createPlan, getHierarchy, setPlanRole, type NewPlan } from '../../src/lib/server/plans.ts';
import { randomId } from '../../src/lib/server/ids.ts';
import { getPlanAccess } from '../../src/lib/server/access.ts';
import type { WriteActor } from '../../src/lib/sync/server-write.ts';
import { seedStepDocuments, type SeedValue } from '../../src/lib/server/plan-values.ts';

/** Values a test or bench writes as the plan's starting data, as the demo seed does. */
export const SEED: WriteActor = { userId: null, source: 'seed' };

export interface TestUser {
	id: string;
	name: string;
	email: string;
	token: string;
	cookie: string;
}

let counter = 0;

/** A signed-in user: a real account and a real session token. */
export async function signedInUser(db: Db, name = `User ${++counter}`): Promise<TestUser> {
	const user = await createUser(db, {
		email: `${name.replace(/\W+/g, '.').toLowerCase()}.${Date.now()}.${counter++}@example.test`,
		name,
		password: 'correct horse battery staple'
	});
	const token = generateSessionToken();
	await createSession(db, token, user.id);
	return {
		id: user.id,
		name: user.name,
		email: user.email,
		token,
		cookie: `concord_session=${token}`
	};
}

/**
 * Seeds a plan's step documents with monthly series, `series[ownerId][measureId][t]` being the
 * value for `months[t]`, as the plan's starting data.
 */
export async function seedSeries(
	db: Db,
	planId: string,
	months: readonly string[],
	series: Record<string, Record<string, number[]>>
): Promise<void> {
	const values: SeedValue[] = [];
	for (const [ownerId, measures] of Object.entries(series)) {
		for (const [measureId, row] of Object.entries(measures)) {
			row.forEach((value, t) => values.push({ ownerId, period: months[t], measureId, value }));
		}
	}
	await seedStepDocuments(db, planId, months, values, SEED);
}

/**
 * A workspace and a plan led by `leader` (one bike over twelve months unless `plan` says
 * otherwise); `members` join with the given function and role.
 */
export async function planWithMembers(
	db: Db,
	leader: TestUser,
	members: { user: TestUser; fn: BusinessFunction | null; role: PlanRole }[] = [],
	plan: Partial<Omit<NewPlan, 'workspaceId'>> = {}
): Promise<{ workspaceId: string; planId: string; itemId: string }> {
	const workspaceId = await createWorkspace(db, 'Test workspace', leader.id);
	const planId = await createPlan(
		db,
		{
			workspaceId,
			name: 'Test plan',
			startMonth: '2027-01',
			horizon: 12,
			families: [{ name: 'Bikes', items: [{ sku: 'B-1', name: 'Road bike' }] }],
			...plan
		},
		leader.id
	);
	for (const m of members) {
		await addMember(db, workspaceId, m.user.id, m.fn);
		await setPlanRole(db, planId, m.user.id, m.role);
	}
	const [item] = (await getHierarchy(db, planId)).items;
	return { workspaceId, planId, itemId: item.id };
}

/** A leader and one editor per function: the people a cycle's sign-offs need. */
export async function functionTeam(db: Db) {
	const leader = await signedInUser(db, 'Lee Leader');
	const sales = await signedInUser(db, 'Sam Sales');
	const ops = await signedInUser(db, 'Olu Operations');
	const finance = await signedInUser(db, 'Fay Finance');
	const members = [
		{ user: sales, fn: 'sales' as const, role: 'editor' as const },
		{ user: ops, fn: 'operations' as const, role: 'editor' as const },
		{ user: finance, fn: 'finance' as const, role: 'editor' as const }
	];
	return { leader, sales, ops, finance, members };
}

/** A member as a cycle action sees them: the plan, the session's user and their access. */
export async function cycleActor(db: Db, planId: string, user: TestUser) {
	const access = await getPlanAccess(db, user.id, planId);
	if (!access) throw new Error(`${user.name} has no access to plan ${planId}`);
	return { planId, user: { ...user, email: '', color: '' }, access };
}

/** `families` families of `itemsPerFamily` items each, SKUs `F<f>-<i>`, for plans of a given size. */
export function sampleFamilies(families: number, itemsPerFamily: number) {
	return Array.from({ length: families }, (_, f) => ({
		name: `Family ${f + 1}`,
		items: Array.from({ length: itemsPerFamily }, (_, i) => ({
			sku: `F${f + 1}-${i + 1}`,
			name: `Item ${f + 1}.${i + 1}`
		}))
	}));
}

/**
 * `count` sales editors of a plan, each a person of their own with a session (the server limits
 * what one person may use), made fast for loads: they share `leaderId`'s password hash and nobody
 * signs in.
 */
export function salesEditors(
	db: Db,
	plan: { workspaceId: string; planId: string; leaderId: string },
	count: number
): Promise<{ id: string; cookie: string }[]> {
	return Promise.all(
		Array.from({ length: count }, async (_, i) => {
			const id = randomId();
			await db.query(
				`insert into users (id, email, name, password_hash, color)
				 select $1, $2, $3, password_hash, color from users where id = $4`,
				[id, `person.${id}@load.test`, `Person ${i}`, plan.leaderId]
			);
			await addMember(db, plan.workspaceId, id, 'sales');
			await setPlanRole(db, plan.planId, id, 'editor');
			const token = generateSessionToken();
			await createSession(db, token, id);
			return { id, cookie: `concord_session=${token}` };
		})
	);
}
