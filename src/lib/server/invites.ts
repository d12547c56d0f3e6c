import type { BusinessFunction, PlanRole } from '../domain/roles.ts';
import type { Db, Queryable } from './db/index.ts';
import { hashSecret, randomId } from './ids.ts';
import { plansLedBy } from './plans.ts';
import { normalizeEmail } from './users.ts';
import { addMember } from './workspaces.ts';

const INVITE_LIFETIME = 14 * 24 * 60 * 60 * 1000;

/** A role on a plan that an invite gives when it is accepted. */
export interface PlanGrant {
	planId: string;
	role: PlanRole;
}

export interface PendingInvite {
	email: string;
	function: BusinessFunction | null;
	created_at: Date;
	expires_at: Date;
	/** "Plan (role)" for each plan role the invite gives, comma-separated; null without any. */
	plans: string | null;
}

const hashToken = hashSecret;

/**
 * Creates an invite and returns its secret token (only the hash is stored). The inviter may give
 * roles only on plans of the workspace they lead, as on a plan's People page.
 */
export async function createInvite(
	db: Db,
	input: {
		workspaceId: string;
		email: string;
		fn: BusinessFunction | null;
		invitedBy: string;
		grants?: PlanGrant[];
	}
): Promise<{ ok: true; token: string } | { ok: false; error: string }> {
	const grants = input.grants ?? [];
	const led = new Set((await plansLedBy(db, input.workspaceId, input.invitedBy)).map((p) => p.id));
	if (grants.some((g) => !led.has(g.planId))) {
		return { ok: false, error: 'You can give roles only on plans of this workspace you lead' };
	}
	const token = randomId(20);
	const tokenHash = hashToken(token);
	await db.transaction(async (tx) => {
		await tx.query(
			`insert into invites (token_hash, workspace_id, email, function, invited_by, expires_at)
			 values ($1, $2, $3, $4, $5, $6)`,
			[
				tokenHash,
				input.workspaceId,
				normalizeEmail(input.email),
				input.fn,
				input.invitedBy,
				new Date(Date.now() + INVITE_LIFETIME)
			]
		);
		for (const g of grants) {
			await tx.query(
				`insert into invite_plan_roles (token_hash, plan_id, role) values ($1, $2, $3)`,
				[tokenHash, g.planId, g.role]
			);
		}
	});
	return { ok: true, token };
}

export function listPendingInvites(db: Queryable, workspaceId: string): Promise<PendingInvite[]> {
	return db.query<PendingInvite>(
		`select i.email, i.function, i.created_at, i.expires_at,
		        (select string_agg(p.name || ' (' || r.role || ')', ', ' order by p.name)
		         from invite_plan_roles r join plans p on p.id = r.plan_id
		         where r.token_hash = i.token_hash) as plans
		 from invites i
		 where i.workspace_id = $1 and i.accepted_at is null and i.expires_at > now()
		 order by i.created_at desc`,
		[workspaceId]
	);
}

export interface InviteView {
	workspace_id: string;
	workspace_name: string;
	email: string;
	function: BusinessFunction | null;
	expired: boolean;
	accepted: boolean;
	/** The plans the invite gives a role on, by name. */
	plans: { name: string; role: PlanRole }[];
}

export async function findInvite(db: Queryable, token: string): Promise<InviteView | null> {
	const tokenHash = hashToken(token);
	const rows = await db.query<Omit<InviteView, 'plans'>>(
		`select i.workspace_id, w.name as workspace_name, i.email, i.function,
		        i.expires_at <= now() as expired, i.accepted_at is not null as accepted
		 from invites i join workspaces w on w.id = i.workspace_id where i.token_hash = $1`,
		[tokenHash]
	);
	if (!rows[0]) return null;
	const plans = await db.query<{ name: string; role: PlanRole }>(
		`select p.name, r.role from invite_plan_roles r join plans p on p.id = r.plan_id
		 where r.token_hash = $1 order by p.name`,
		[tokenHash]
	);
	return { ...rows[0], plans };
}

export type AcceptResult = { ok: true; workspaceId: string } | { ok: false; error: string };

/**
 * Joins the user to the invite's workspace with the plan roles it gives, in one transaction; the
 * invite must be theirs, open and unexpired. A role they already have on a plan is kept.
 */
export async function acceptInvite(
	db: Db,
	token: string,
	user: { id: string; email: string }
): Promise<AcceptResult> {
	return db.transaction(async (tx) => {
		const rows = await tx.query<{
			workspace_id: string;
			email: string;
			function: BusinessFunction | null;
		}>(
			`update invites set accepted_by = $2, accepted_at = now()
			 where token_hash = $1 and accepted_at is null and expires_at > now() and email = $3
			 returning workspace_id, email, function`,
			[hashToken(token), user.id, normalizeEmail(user.email)]
		);
		const invite = rows[0];
		if (!invite) {
			const view = await findInvite(tx, token);
			if (!view) return { ok: false, error: 'This invite link is not valid.' };
			if (view.accepted) return { ok: false, error: 'This invite has already been used.' };
			if (view.expired) return { ok: false, error: 'This invite has expired. Ask for a new one.' };
			return {
				ok: false,
				error: `This invite is for ${view.email}. Sign in with that address to accept it.`
			};
		}
		await addMember(tx, invite.workspace_id, user.id, invite.function);
		await tx.query(
			`insert into plan_members (plan_id, user_id, role)
			 select plan_id, $2, role from invite_plan_roles where token_hash = $1
			 on conflict (plan_id, user_id) do nothing`,
			[hashToken(token), user.id]
		);
		return { ok: true, workspaceId: invite.workspace_id };
	});
}

/**
 * Where to go after signing in or up: an invite link carried in `next` (already a safe same-site
 * path) is accepted on the way, so following the link through any sign-up keeps the invitation.
 */
export async function landingAfterSignIn(
	db: Db,
	next: string,
	user: { id: string; email: string }
): Promise<string> {
	const token = inviteTokenOf(next);
	if (!token) return next;
	const result = await acceptInvite(db, token, user);
	// A refusal is explained on the invite page itself.
	return result.ok ? `/w/${result.workspaceId}` : next;
}

/** The open invite an `/invite/<token>` path leads to, for the sign-in and sign-up pages to name. */
export async function inviteOfPath(
	db: Queryable,
	path: string
): Promise<{ workspaceName: string; email: string } | null> {
	const token = inviteTokenOf(path);
	const invite = token && (await findInvite(db, token));
	return invite && !invite.expired && !invite.accepted
		? { workspaceName: invite.workspace_name, email: invite.email }
		: null;
}

/** The invite token of an `/invite/<token>` path, else null. */
export function inviteTokenOf(path: string): string | null {
	return /^\/invite\/([\w-]+)$/.exec(path)?.[1] ?? null;
}
