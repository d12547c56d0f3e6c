import type { BusinessFunction } from '../domain/roles.ts';
import type { Queryable, Db } from './db/index.ts';
import { randomId } from './ids.ts';

export interface WorkspaceSummary {
	id: string;
	name: string;
	is_admin: boolean;
}

export interface WorkspaceMember {
	user_id: string;
	name: string;
	email: string;
	color: string;
	is_admin: boolean;
	function: BusinessFunction | null;
}

export async function createWorkspace(db: Db, name: string, ownerId: string): Promise<string> {
	const id = randomId(10);
	await db.transaction(async (tx) => {
		await tx.query(`insert into workspaces (id, name, created_by) values ($1, $2, $3)`, [
			id,
			name.trim(),
			ownerId
		]);
		await tx.query(
			`insert into workspace_members (workspace_id, user_id, is_admin) values ($1, $2, true)`,
			[id, ownerId]
		);
	});
	return id;
}

export function listWorkspaces(db: Queryable, userId: string): Promise<WorkspaceSummary[]> {
	return db.query<WorkspaceSummary>(
		`select w.id, w.name, m.is_admin from workspaces w
		 join workspace_members m on m.workspace_id = w.id
		 where m.user_id = $1 order by w.created_at`,
		[userId]
	);
}

/** The user's membership of a workspace, or null when they are not in it. */
export async function getMembership(
	db: Queryable,
	workspaceId: string,
	userId: string
): Promise<{ name: string; is_admin: boolean; function: BusinessFunction | null } | null> {
	const rows = await db.query<{
		name: string;
		is_admin: boolean;
		function: BusinessFunction | null;
	}>(
		`select w.name, m.is_admin, m.function from workspaces w
		 join workspace_members m on m.workspace_id = w.id
		 where w.id = $1 and m.user_id = $2`,
		[workspaceId, userId]
	);
	return rows[0] ?? null;
}

export function listMembers(db: Queryable, workspaceId: string): Promise<WorkspaceMember[]> {
	return db.query<WorkspaceMember>(
		`select u.id as user_id, u.name, u.email, u.color, m.is_admin, m.function
		 from workspace_members m join users u on u.id = m.user_id
		 where m.workspace_id = $1 order by u.name`,
		[workspaceId]
	);
}

export async function addMember(
	db: Queryable,
	workspaceId: string,
	userId: string,
	fn: BusinessFunction | null
): Promise<void> {
	await db.query(
		`insert into workspace_members (workspace_id, user_id, function) values ($1, $2, $3)
		 on conflict (workspace_id, user_id) do nothing`,
		[workspaceId, userId, fn]
	);
}

export async function setMemberFunction(
	db: Queryable,
	workspaceId: string,
	userId: string,
	fn: BusinessFunction | null
): Promise<boolean> {
	const rows = await db.query(
		`update workspace_members set function = $3 where workspace_id = $1 and user_id = $2 returning user_id`,
		[workspaceId, userId, fn]
	);
	return rows.length > 0;
}

/**
 * Takes the person out of the workspace and ends their roles on all of its plans, in one
 * transaction. False when they were not a member.
 */
export function removeMember(db: Db, workspaceId: string, userId: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		await tx.query(
			`delete from plan_members
			 where user_id = $2 and plan_id in (select id from plans where workspace_id = $1)`,
			[workspaceId, userId]
		);
		const rows = await tx.query(
			`delete from workspace_members where workspace_id = $1 and user_id = $2 returning user_id`,
			[workspaceId, userId]
		);
		return rows.length > 0;
	});
}
