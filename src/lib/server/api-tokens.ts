import { failureThrottle, throttledMessage } from './auth/rate-limit.ts';
import type { Queryable } from './db/index.ts';
import { hashSecret, randomId } from './ids.ts';
import { Refusal } from './refusal.ts';

/**
 * Workspace API tokens: a secret an admin hands to a scheduled job (a nightly ERP load) so it can
 * import without a person's session. Shown once, kept only as its SHA-256, limited to one
 * workspace and to importing, revocable, and listed with when it was last used.
 *
 * A token acts for the admin who created it (the update log names them), so it works only while
 * that person is still an admin of its workspace: an admin who leaves takes their tokens' power
 * with them, and the list says so, instead of a departed person's secret importing on.
 */

/** What every token starts with, so a leaked one is recognisable (and secret scanners find it). */
export const TOKEN_PREFIX = 'cct_';
// 20 random bytes: 32 base32 characters, 160 bits.
const TOKEN_SHAPE = /^cct_[a-z2-7]{32}$/;
// "Bearer " and a token, with room for stray spaces; anything longer is not worth reading.
const MAX_HEADER = 200;

export type ApiTokenStatus = 'active' | 'revoked' | 'creator-gone';

/** Who is calling an API endpoint: a token, and the admin who created it, for the update log. */
export interface ApiActor {
	tokenId: string;
	tokenName: string;
	workspaceId: string;
	userId: string;
}

export interface ApiTokenView {
	id: string;
	name: string;
	/** Null when the creator's account is gone. */
	created_by_name: string | null;
	created_at: Date;
	last_used_at: Date | null;
	revoked_at: Date | null;
	revoked_by_name: string | null;
	status: ApiTokenStatus;
}

export const AUTH_MESSAGES = {
	missing: `Send the API token in an Authorization header: "Authorization: Bearer ${TOKEN_PREFIX}…"`,
	tooLong:
		'The Authorization header is too long: send "Bearer " followed by the token, nothing else',
	notBearer: `Use the Bearer scheme: "Authorization: Bearer ${TOKEN_PREFIX}…"`,
	noToken: 'The Authorization header has no token: put the token after "Bearer "',
	notAToken: `That is not a Concord API token: tokens start with "${TOKEN_PREFIX}" and have 36 characters. Copy it again from where it was saved`,
	// One message for an unknown and a revoked token, so a guesser learns nothing from it.
	invalid:
		'This API token is not valid, or it has been revoked. A workspace admin can create a new one on the workspace page',
	creatorGone:
		"This API token's creator is no longer an admin of its workspace, so the token no longer works. A workspace admin can create a new one",
	// The same answer for a plan or workspace that does not exist and one of another workspace.
	elsewhere: 'No such workspace or plan for this token'
} as const;

/**
 * Failed token look-ups per client address. Guessing a 160-bit token is hopeless anyway; this
 * keeps a misconfigured or hostile client from turning every request into a database query.
 * Nothing clears it early, as for sign-ins.
 */
export const apiTokenThrottle = failureThrottle('api-token', 20);

/** Creates a token for the workspace and returns its secret: the one time it is ever seen. */
export async function createApiToken(
	db: Queryable,
	workspaceId: string,
	name: string,
	createdBy: string
): Promise<{ id: string; token: string }> {
	const id = randomId(10);
	const token = TOKEN_PREFIX + randomId(20);
	await db.query(
		`insert into api_tokens (id, workspace_id, name, token_hash, scope, created_by)
		 values ($1, $2, $3, $4, 'import', $5)`,
		[id, workspaceId, name.trim(), hashSecret(token), createdBy]
	);
	return { id, token };
}

/** The workspace's tokens, working ones first, newest first. */
export function listApiTokens(db: Queryable, workspaceId: string): Promise<ApiTokenView[]> {
	return db.query<ApiTokenView>(
		`select t.id, t.name, c.name as created_by_name, t.created_at, t.last_used_at,
		        t.revoked_at, r.name as revoked_by_name,
		        case when t.revoked_at is not null then 'revoked'
		             when m.is_admin is true then 'active'
		             else 'creator-gone' end as status
		 from api_tokens t
		 left join users c on c.id = t.created_by
		 left join users r on r.id = t.revoked_by
		 left join workspace_members m on m.workspace_id = t.workspace_id and m.user_id = t.created_by
		 where t.workspace_id = $1
		 order by t.revoked_at is not null, t.created_at desc`,
		[workspaceId]
	);
}

/** Revokes a token of the workspace; revoking it again changes nothing (the first revoker stays). */
export async function revokeApiToken(
	db: Queryable,
	workspaceId: string,
	tokenId: string,
	userId: string
): Promise<void> {
	const rows = await db.query(
		`update api_tokens set revoked_at = coalesce(revoked_at, now()),
		        revoked_by = case when revoked_at is null then $3 else revoked_by end
		 where id = $1 and workspace_id = $2 returning id`,
		[tokenId, workspaceId, userId]
	);
	if (rows.length === 0) throw new Refusal('No such API token in this workspace', 404);
}

/** The token of an Authorization header, or why the header is not one. */
function bearerToken(header: string | null): string {
	if (header === null || header.trim() === '') throw new Refusal(AUTH_MESSAGES.missing, 401);
	if (header.length > MAX_HEADER) throw new Refusal(AUTH_MESSAGES.tooLong, 401);
	const [scheme, token, ...rest] = header.trim().split(/\s+/);
	// The scheme is case-insensitive (RFC 9110).
	if (scheme.toLowerCase() !== 'bearer') throw new Refusal(AUTH_MESSAGES.notBearer, 401);
	if (!token) throw new Refusal(AUTH_MESSAGES.noToken, 401);
	if (rest.length > 0 || !TOKEN_SHAPE.test(token)) throw new Refusal(AUTH_MESSAGES.notAToken, 401);
	return token;
}

/**
 * The caller of an API request on `workspaceId` (null when the request names a plan or workspace
 * that does not exist), from its Authorization header and client address. Refuses with 429 while
 * the address is throttled, 401 for a missing, malformed, unknown or revoked token or one whose
 * creator is no longer an admin, and 404 for a valid token of another workspace: the token is
 * checked first, so nobody without one learns which workspaces and plans exist, and a token's
 * holder learns nothing of other workspaces. Marks the token used, at most once a minute (a
 * load of many requests writes the row once).
 */
export async function authenticateApiToken(
	db: Queryable,
	header: string | null,
	workspaceId: string | null,
	address: string
): Promise<ApiActor> {
	const wait = await apiTokenThrottle.retryAfter(address);
	if (wait > 0) throw new Refusal(throttledMessage('failed API token attempts', wait), 429);
	const token = bearerToken(header);
	// Found through the unique index on the hash: no comparison of secrets runs in this code, so
	// there is no timing to measure, and the hash of a guess says nothing about the stored ones.
	const rows = await db.query<{
		id: string;
		name: string;
		workspace_id: string;
		created_by: string | null;
		creator_is_admin: boolean;
	}>(
		`select t.id, t.name, t.workspace_id, t.created_by, coalesce(m.is_admin, false) as creator_is_admin
		 from api_tokens t
		 left join workspace_members m on m.workspace_id = t.workspace_id and m.user_id = t.created_by
		 where t.token_hash = $1 and t.revoked_at is null`,
		[hashSecret(token)]
	);
	const found = rows[0];
	if (!found) {
		await apiTokenThrottle.fail(address);
		throw new Refusal(AUTH_MESSAGES.invalid, 401);
	}
	if (!found.created_by || !found.creator_is_admin)
		throw new Refusal(AUTH_MESSAGES.creatorGone, 401);
	if (found.workspace_id !== workspaceId) throw new Refusal(AUTH_MESSAGES.elsewhere, 404);
	await db.query(
		`update api_tokens set last_used_at = now()
		 where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
		[found.id]
	);
	return {
		tokenId: found.id,
		tokenName: found.name,
		workspaceId: found.workspace_id,
		userId: found.created_by
	};
}
