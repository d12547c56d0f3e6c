import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	SESSION_LIFETIME,
	validateSessionToken
} from '../../src/lib/server/auth/session.ts';
import { verifyPassword } from '../../src/lib/server/auth/password.ts';
import { createUser, EmailTakenError, findUserByEmail } from '../../src/lib/server/users.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => (db = await openTestDb()));
afterAll(() => db.dispose());

describe('accounts', () => {
	it('stores an argon2id hash, never the password, and checks it', async () => {
		await createUser(db, {
			email: 'Kim@Example.test',
			name: ' Kim ',
			password: 'a-long-password-1'
		});
		const user = await findUserByEmail(db, 'kim@example.test');
		expect(user?.name).toBe('Kim');
		expect(user?.password_hash).toMatch(/^\$argon2id\$/);
		expect(await verifyPassword(user!.password_hash, 'a-long-password-1')).toBe(true);
		expect(await verifyPassword(user!.password_hash, 'a-long-password-2')).toBe(false);
	});

	it('refuses a second account for the same email, whatever its case', async () => {
		await expect(
			createUser(db, { email: 'KIM@example.test ', name: 'Kim 2', password: 'another-password' })
		).rejects.toBeInstanceOf(EmailTakenError);
	});
});

describe('sessions', () => {
	it('validates a token, stores only its hash, and ends on sign-out', async () => {
		const user = await createUser(db, {
			email: 'lu@example.test',
			name: 'Lu',
			password: 'pw-1234567890'
		});
		const token = generateSessionToken();
		const session = await createSession(db, token, user.id);
		const stored = await db.query<{ id: string }>(`select id from sessions where user_id = $1`, [
			user.id
		]);
		expect(stored[0].id).toBe(session.id);
		expect(stored[0].id).not.toContain(token);

		expect((await validateSessionToken(db, token))?.user.email).toBe('lu@example.test');
		expect(await validateSessionToken(db, token + 'x')).toBeNull();

		await invalidateSession(db, session.id);
		expect(await validateSessionToken(db, token)).toBeNull();
	});

	it('refuses and deletes an expired session, and extends one in its second half', async () => {
		const user = await createUser(db, {
			email: 'mo@example.test',
			name: 'Mo',
			password: 'pw-1234567890'
		});
		const expired = generateSessionToken();
		const s1 = await createSession(db, expired, user.id);
		await db.query(`update sessions set expires_at = now() - interval '1 minute' where id = $1`, [
			s1.id
		]);
		expect(await validateSessionToken(db, expired)).toBeNull();
		expect(await db.query(`select 1 from sessions where id = $1`, [s1.id])).toHaveLength(0);

		const ageing = generateSessionToken();
		const s2 = await createSession(db, ageing, user.id);
		await db.query(`update sessions set expires_at = now() + interval '3 days' where id = $1`, [
			s2.id
		]);
		const result = await validateSessionToken(db, ageing);
		expect(result!.session.expiresAt.getTime()).toBeGreaterThan(
			Date.now() + SESSION_LIFETIME - 60_000
		);
	});
});
