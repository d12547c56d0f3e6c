import type { PlanRole } from '../domain/roles.ts';
import { periods } from '../domain/periods.ts';
import type { Db, Queryable } from './db/index.ts';
import { randomId } from './ids.ts';

export interface NewPlan {
	workspaceId: string;
	name: string;
	startMonth: string;
	horizon: number;
	/** ISO 4217 code of the plan's money; the database default (EUR) when absent. */
	currency?: string;
	families: { name: string; items: { sku: string; name: string }[] }[];
}

export interface Plan {
	id: string;
	workspace_id: string;
	workspace_name: string;
	name: string;
	start_month: string;
	horizon: number;
	currency: string;
}

export interface PlanItem {
	id: string;
	family_id: string;
	sku: string;
	name: string;
}

export interface PlanFamily {
	id: string;
	name: string;
}

export interface PlanMember {
	user_id: string;
	name: string;
	email: string;
	color: string;
	role: PlanRole;
}

/** Creates the plan with its hierarchy; the creator leads it. */
export async function createPlan(db: Db, input: NewPlan, creatorId: string): Promise<string> {
	const planId = randomId(10);
	await db.transaction(async (tx) => {
		await tx.query(
			`insert into plans (id, workspace_id, name, start_month, horizon, created_by, currency)
			 values ($1, $2, $3, $4, $5, $6, coalesce($7, 'EUR'))`,
			[
				planId,
				input.workspaceId,
				input.name.trim(),
				input.startMonth,
				input.horizon,
				creatorId,
				input.currency ?? null
			]
		);
		await tx.query(`insert into plan_members (plan_id, user_id, role) values ($1, $2, 'leader')`, [
			planId,
			creatorId
		]);
		await insertHierarchy(tx, planId, input.families);
	});
	return planId;
}

async function insertHierarchy(tx: Queryable, planId: string, families: NewPlan['families']) {
	const familyRows: unknown[][] = [];
	const itemRows: unknown[][] = [];
	let itemPosition = 0;
	families.forEach((family, f) => {
		const familyId = randomId(10);
		familyRows.push([familyId, planId, family.name.trim(), f]);
		for (const item of family.items) {
			itemRows.push([
				randomId(10),
				planId,
				familyId,
				item.sku.trim(),
				item.name.trim(),
				itemPosition++
			]);
		}
	});
	await insertRows(tx, 'families (id, plan_id, name, position)', familyRows);
	await insertRows(tx, 'items (id, plan_id, family_id, sku, name, position)', itemRows);
}

/** Multi-row insert in chunks that stay under Postgres' 65,535 parameter limit. */
export async function insertRows(tx: Queryable, target: string, rows: unknown[][]) {
	if (rows.length === 0) return;
	const width = rows[0].length;
	const chunk = Math.floor(60000 / width);
	for (let start = 0; start < rows.length; start += chunk) {
		const part = rows.slice(start, start + chunk);
		const values = part
			.map(
				(_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`
			)
			.join(', ');
		await tx.query(`insert into ${target} values ${values}`, part.flat());
	}
}

export async function getPlan(db: Queryable, planId: string): Promise<Plan | null> {
	const rows = await db.query<Plan>(
		`select p.id, p.workspace_id, w.name as workspace_name, p.name, p.start_month, p.horizon,
		        p.currency
		 from plans p join workspaces w on w.id = p.workspace_id where p.id = $1`,
		[planId]
	);
	return rows[0] ?? null;
}

export async function getHierarchy(
	db: Queryable,
	planId: string
): Promise<{ families: PlanFamily[]; items: PlanItem[] }> {
	const families = await db.query<PlanFamily>(
		`select id, name from families where plan_id = $1 order by position`,
		[planId]
	);
	const items = await db.query<PlanItem>(
		`select id, family_id, sku, name from items where plan_id = $1 order by position`,
		[planId]
	);
	return { families, items };
}

/** The plan's rows and months, as its grid and figures lay them out; null if there is no plan. */
export async function getPlanShape(
	db: Queryable,
	planId: string
): Promise<{ families: PlanFamily[]; items: PlanItem[]; periods: string[] } | null> {
	const plan = await getPlan(db, planId);
	if (!plan) return null;
	return { ...(await getHierarchy(db, planId)), periods: periods(plan.start_month, plan.horizon) };
}

export function listPlans(
	db: Queryable,
	workspaceId: string,
	userId: string
): Promise<(Plan & { role: PlanRole })[]> {
	return db.query(
		`select p.id, p.workspace_id, w.name as workspace_name, p.name, p.start_month, p.horizon,
		        p.currency, pm.role
		 from plans p join workspaces w on w.id = p.workspace_id
		 join plan_members pm on pm.plan_id = p.id and pm.user_id = $2
		 where p.workspace_id = $1 order by p.created_at desc`,
		[workspaceId, userId]
	);
}

export function listPlanMembers(db: Queryable, planId: string): Promise<PlanMember[]> {
	return db.query<PlanMember>(
		`select u.id as user_id, u.name, u.email, u.color, pm.role
		 from plan_members pm join users u on u.id = pm.user_id
		 where pm.plan_id = $1 order by u.name`,
		[planId]
	);
}

/** Gives a workspace member a role on the plan, or removes it with `role` null. */
export async function setPlanRole(
	db: Queryable,
	planId: string,
	userId: string,
	role: PlanRole | null
): Promise<void> {
	if (role === null) {
		await db.query(`delete from plan_members where plan_id = $1 and user_id = $2`, [
			planId,
			userId
		]);
		return;
	}
	await db.query(
		`insert into plan_members (plan_id, user_id, role) values ($1, $2, $3)
		 on conflict (plan_id, user_id) do update set role = excluded.role`,
		[planId, userId, role]
	);
}

export async function planIdsOfWorkspace(db: Queryable, workspaceId: string): Promise<string[]> {
	const rows = await db.query<{ id: string }>(`select id from plans where workspace_id = $1`, [
		workspaceId
	]);
	return rows.map((r) => r.id);
}

/** The plans of the workspace the user leads: those they may give roles on. */
export function plansLedBy(
	db: Queryable,
	workspaceId: string,
	userId: string
): Promise<{ id: string; name: string }[]> {
	return db.query(
		`select p.id, p.name from plans p join plan_members pm on pm.plan_id = p.id
		 where p.workspace_id = $1 and pm.user_id = $2 and pm.role = 'leader'
		 order by p.created_at desc`,
		[workspaceId, userId]
	);
}
