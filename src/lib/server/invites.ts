import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { BusinessFunction } from '../domain/roles.ts';
import type { Db, Queryable } from './db/index.ts';
import { randomId } from './ids.ts';
import { normalizeEmail } from './users.ts';
import { addMember } from './workspaces.ts';

const INVITE_LIFETIME = 14 * 24 * 60 * 60 * 1000;

export interface PendingInvite {
	email: string;
	function: BusinessFunction | null;
	created_at: Date;
	expires_at: Date;
}

function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Creates an invite and returns its secret token (only the hash is stored). */
export async function createInvite(
	db: Queryable,
	input: { workspaceId: string; email: string; fn: BusinessFunction | null; invitedBy: string }
): Promise<string> {
	const token = randomId(20);
	await db.query(
		`insert into invites (token_hash, workspace_id, email, function, invited_by, expires_at)
		 values ($1, $2, $3, $4, $5, $6)`,
		[
			hashToken(token),
			input.workspaceId,
			normalizeEmail(input.email),
			input.fn,
			input.invitedBy,
			new Date(Date.now() + INVITE_LIFETIME)
		]
	);
	return token;
}

export function listPendingInvites(db: Queryable, workspaceId: string): Promise<PendingInvite[]> {
	return db.query<PendingInvite>(
		`select email, function, created_at, expires_at from invites
		 where workspace_id = $1 and accepted_at is null and expires_at > now()
		 order by created_at desc`,
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
}

export async function findInvite(db: Queryable, token: string): Promise<InviteView | null> {
	const rows = await db.query<InviteView>(
		`select i.workspace_id, w.name as workspace_name, i.email, i.function,
		        i.expires_at <= now() as expired, i.accepted_at is not null as accepted
		 from invites i join workspaces w on w.id = i.workspace_id where i.token_hash = $1`,
		[hashToken(token)]
	);
	return rows[0] ?? null;
}

export type AcceptResult = { ok: true; workspaceId: string } | { ok: false; error: string };

/** Joins the user to the invite's workspace; the invite must be theirs, open and unexpired. */
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
		return { ok: true, workspaceId: invite.workspace_id };
	});
}
