import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { postAction } from '../helpers/actions.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import {
	AUTH_MESSAGES,
	authenticateApiToken,
	createApiToken,
	listApiTokens,
	revokeApiToken
} from '../../src/lib/server/api-tokens.ts';
import { addMember, createWorkspace, removeMember } from '../../src/lib/server/workspaces.ts';
import { actions } from '../../src/routes/w/[workspace]/+page.server.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => {
	db = await openTestDb();
	// The routes use the process database.
	setDb(db);
});
afterAll(() => db.dispose());

let addresses = 0;
/** A client address of its own, so one test's failures do not throttle another's. */
const freshAddress = () => `10.0.0.${++addresses}`;

/** What authenticating refuses with, as `{ status, message }`; fails the test if it does not. */
async function refusalOf(header: string | null, workspaceId: string | null, address: string) {
	try {
		await authenticateApiToken(db, header, workspaceId, address);
	} catch (error) {
		const { status, message } = error as { status: number; message: string };
		return { status, message };
	}
	throw new Error('authenticated');
}

async function adminWithWorkspace(name = 'Admin') {
	const admin = await signedInUser(db, name);
	const workspaceId = await createWorkspace(db, `${name}'s workspace`, admin.id);
	return { admin, workspaceId };
}

function post(
	action: keyof typeof actions,
	form: Record<string, string>,
	user: TestUser,
	ws: string
) {
	return postAction(actions[action], form, {
		path: `/w/${ws}`,
		user,
		params: { workspace: ws }
	});
}

describe('API tokens', () => {
	it('shows a new token once and keeps only its hash', async () => {
		const { admin, workspaceId } = await adminWithWorkspace('Ada');
		const created = await post(
			'createApiToken',
			{ name: '  Nightly ERP load ' },
			admin,
			workspaceId
		);
		expect(created.status).toBe(200);
		const { token, name } = (created.data as { apiToken: { name: string; token: string } })
			.apiToken;
		expect(name).toBe('Nightly ERP load');
		expect(token).toMatch(/^cct_[a-z2-7]{32}$/);

		const rows = await db.query(`select * from api_tokens where workspace_id = $1`, [workspaceId]);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			name: 'Nightly ERP load',
			scope: 'import',
			created_by: admin.id
		});
		for (const value of Object.values(rows[0])) expect(String(value)).not.toContain(token.slice(4));

		// Listed without the secret, never used yet.
		const [listed] = await listApiTokens(db, workspaceId);
		expect(listed).toMatchObject({
			name: 'Nightly ERP load',
			created_by_name: 'Ada',
			last_used_at: null,
			revoked_at: null,
			status: 'active'
		});
		expect(JSON.stringify(listed)).not.toContain(token.slice(4));
	});

	it('authenticates a token for its workspace and records the use', async () => {
		const { admin, workspaceId } = await adminWithWorkspace();
		const { id, token } = await createApiToken(db, workspaceId, 'ERP', admin.id);
		const actor = await authenticateApiToken(db, `Bearer ${token}`, workspaceId, freshAddress());
		expect(actor).toEqual({ tokenId: id, tokenName: 'ERP', workspaceId, userId: admin.id });
		// The scheme is case-insensitive.
		await authenticateApiToken(db, `bearer  ${token} `, workspaceId, freshAddress());

		const [listed] = await listApiTokens(db, workspaceId);
		expect(listed.last_used_at).toBeInstanceOf(Date);
		expect(Math.abs(Date.now() - listed.last_used_at!.getTime())).toBeLessThan(60_000);
	});

	it('writes the last use at most once a minute', async () => {
		const { admin, workspaceId } = await adminWithWorkspace();
		const { id, token } = await createApiToken(db, workspaceId, 'ERP', admin.id);
		await db.query(
			`update api_tokens set last_used_at = now() - interval '30 seconds' where id = $1`,
			[id]
		);
		const before = (await listApiTokens(db, workspaceId))[0].last_used_at;
		await authenticateApiToken(db, `Bearer ${token}`, workspaceId, freshAddress());
		expect((await listApiTokens(db, workspaceId))[0].last_used_at).toEqual(before);

		await db.query(
			`update api_tokens set last_used_at = now() - interval '2 minutes' where id = $1`,
			[id]
		);
		await authenticateApiToken(db, `Bearer ${token}`, workspaceId, freshAddress());
		expect((await listApiTokens(db, workspaceId))[0].last_used_at!.getTime()).toBeGreaterThan(
			Date.now() - 60_000
		);
	});

	it('refuses a revoked token with the message of an unknown one', async () => {
		const { admin, workspaceId } = await adminWithWorkspace('Rev');
		const { id, token } = await createApiToken(db, workspaceId, 'ERP', admin.id);
		const revoked = await post('revokeApiToken', { tokenId: id }, admin, workspaceId);
		expect(revoked).toEqual({ status: 200, data: { revokedApiToken: id } });

		const address = freshAddress();
		const unknown = await refusalOf(`Bearer cct_${'a'.repeat(32)}`, workspaceId, address);
		expect(unknown).toEqual({ status: 401, message: AUTH_MESSAGES.invalid });
		expect(await refusalOf(`Bearer ${token}`, workspaceId, address)).toEqual(unknown);

		// Revoking again changes nothing; the list says who revoked it.
		const first = (await listApiTokens(db, workspaceId))[0];
		await revokeApiToken(db, workspaceId, id, admin.id);
		expect((await listApiTokens(db, workspaceId))[0]).toEqual(first);
		expect(first).toMatchObject({ status: 'revoked', revoked_by_name: 'Rev' });
	});

	it('lets only admins create and revoke, enforced by the server', async () => {
		const { admin, workspaceId } = await adminWithWorkspace();
		const member = await signedInUser(db, 'Member');
		await addMember(db, workspaceId, member.id, 'sales');
		const { id, token } = await createApiToken(db, workspaceId, 'ERP', admin.id);

		expect(await post('createApiToken', { name: 'Mine' }, member, workspaceId)).toEqual({
			status: 403,
			error: 'Only workspace admins can do that'
		});
		expect(await post('revokeApiToken', { tokenId: id }, member, workspaceId)).toEqual({
			status: 403,
			error: 'Only workspace admins can do that'
		});
		expect((await listApiTokens(db, workspaceId)).map((t) => [t.name, t.status])).toEqual([
			['ERP', 'active']
		]);
		await authenticateApiToken(db, `Bearer ${token}`, workspaceId, freshAddress());
	});

	it('checks the name of a new token', async () => {
		const { admin, workspaceId } = await adminWithWorkspace();
		const refusal = async (name: string) => {
			const answer = await post('createApiToken', { name }, admin, workspaceId);
			expect(answer.status).toBe(400);
			// The form keeps what was typed.
			return answer.data as { apiToken: { name: string; error: string } };
		};
		expect(await refusal('  ')).toEqual({
			apiToken: { name: '  ', error: 'Name the token, e.g. after the job that uses it' }
		});
		expect((await refusal('x'.repeat(81))).apiToken.error).toBe(
			'Keep the name under 80 characters'
		);
		expect((await refusal('ERP\u0000load')).apiToken.error).toBe(
			'Remove the control characters (such as NUL or tab) from the text'
		);
		expect(await listApiTokens(db, workspaceId)).toEqual([]);
	});

	it('keeps each token to its own workspace', async () => {
		const a = await adminWithWorkspace('A');
		const b = await adminWithWorkspace('B');
		const { id, token } = await createApiToken(db, a.workspaceId, 'ERP', a.admin.id);
		const address = freshAddress();
		const elsewhere = { status: 404, message: AUTH_MESSAGES.elsewhere };
		expect(await refusalOf(`Bearer ${token}`, b.workspaceId, address)).toEqual(elsewhere);
		// A plan or workspace that does not exist gets the same answer.
		expect(await refusalOf(`Bearer ${token}`, null, address)).toEqual(elsewhere);
		// B's admin cannot revoke A's token through B's page.
		expect(await post('revokeApiToken', { tokenId: id }, b.admin, b.workspaceId)).toEqual({
			status: 404,
			error: 'No such API token in this workspace',
			data: { error: 'No such API token in this workspace' }
		});
		expect((await listApiTokens(db, a.workspaceId))[0].status).toBe('active');
		expect(await listApiTokens(db, b.workspaceId)).toEqual([]);
	});

	it('stops the tokens of an admin who leaves the workspace', async () => {
		const { admin, workspaceId } = await adminWithWorkspace();
		const leaver = await signedInUser(db, 'Leaver');
		await addMember(db, workspaceId, leaver.id, null);
		await db.query(`update workspace_members set is_admin = true where user_id = $1`, [leaver.id]);
		const { token } = await createApiToken(db, workspaceId, 'ERP', leaver.id);
		await authenticateApiToken(db, `Bearer ${token}`, workspaceId, freshAddress());

		await removeMember(db, workspaceId, leaver.id);
		expect(await refusalOf(`Bearer ${token}`, workspaceId, freshAddress())).toEqual({
			status: 401,
			message: AUTH_MESSAGES.creatorGone
		});
		expect((await listApiTokens(db, workspaceId))[0]).toMatchObject({
			created_by_name: 'Leaver',
			status: 'creator-gone'
		});
		// Still revocable, so the list can be cleaned up.
		await revokeApiToken(db, workspaceId, (await listApiTokens(db, workspaceId))[0].id, admin.id);
		expect((await listApiTokens(db, workspaceId))[0].status).toBe('revoked');
	});

	it('says what is wrong with a malformed Authorization header', async () => {
		const { admin, workspaceId } = await adminWithWorkspace();
		const { token } = await createApiToken(db, workspaceId, 'ERP', admin.id);
		const address = freshAddress();
		const cases: [string | null, string][] = [
			[null, AUTH_MESSAGES.missing],
			['', AUTH_MESSAGES.missing],
			['   ', AUTH_MESSAGES.missing],
			[`Bearer ${'x'.repeat(10_000)}`, AUTH_MESSAGES.tooLong],
			[token, AUTH_MESSAGES.notBearer],
			[`Basic ${token}`, AUTH_MESSAGES.notBearer],
			['Bearer', AUTH_MESSAGES.noToken],
			['Bearer   ', AUTH_MESSAGES.noToken],
			[`Bearer ${token.replace('cct_', 'ghp_')}`, AUTH_MESSAGES.notAToken],
			[`Bearer ${token}x`, AUTH_MESSAGES.notAToken],
			[`Bearer ${token} ${token}`, AUTH_MESSAGES.notAToken]
		];
		for (const [header, message] of cases) {
			expect(await refusalOf(header, workspaceId, address), String(header)).toEqual({
				status: 401,
				message
			});
		}
		// None of these reached the database, so none counted against the address.
		await authenticateApiToken(db, `Bearer ${token}`, workspaceId, address);
	});

	it('throttles an address after many unknown tokens', async () => {
		const { admin, workspaceId } = await adminWithWorkspace();
		const { token } = await createApiToken(db, workspaceId, 'ERP', admin.id);
		const address = freshAddress();
		const guess = `Bearer cct_${'b'.repeat(32)}`;
		for (let i = 0; i < 20; i++)
			expect((await refusalOf(guess, workspaceId, address)).status).toBe(401);
		const throttled = await refusalOf(`Bearer ${token}`, workspaceId, address);
		expect(throttled.status).toBe(429);
		expect(throttled.message).toMatch(
			/^Too many failed API token attempts\. Try again in \d+ minutes?\.$/
		);
		// Another address is not held back.
		await authenticateApiToken(db, `Bearer ${token}`, workspaceId, freshAddress());
	});
});
