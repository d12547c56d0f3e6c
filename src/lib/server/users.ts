import type { Queryable } from './db/index.ts';
import { randomId } from './ids.ts';
import { hashPassword } from './auth/password.ts';
import type { SessionUser } from './auth/session.ts';

/** Presence colours, readable on white and distinct for the common colour-vision deficiencies. */
const COLORS = [
	'#0072b2',
	'#d55e00',
	'#009e73',
	'#cc79a7',
	'#e69f00',
	'#56b4e9',
	'#7a5195',
	'#b8860b'
];

export class EmailTakenError extends Error {
	constructor() {
		// Worded not to confirm an account outright; a refusal still differs from a new account.
		super('We could not create an account with this email. If you have signed up before, sign in.');
	}
}

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function createUser(
	db: Queryable,
	input: { email: string; name: string; password: string }
): Promise<SessionUser> {
	const email = normalizeEmail(input.email);
	const passwordHash = await hashPassword(input.password);
	const id = randomId();
	const [{ count }] = await db.query<{ count: string | number }>(`select count(*) from users`);
	const color = COLORS[Number(count) % COLORS.length];
	const rows = await db.query<SessionUser>(
		`insert into users (id, email, name, password_hash, color) values ($1, $2, $3, $4, $5)
		 on conflict (email) do nothing
		 returning id, email, name, color`,
		[id, email, input.name.trim(), passwordHash, color]
	);
	if (!rows[0]) throw new EmailTakenError();
	return rows[0];
}

export async function findUserByEmail(
	db: Queryable,
	email: string
): Promise<(SessionUser & { password_hash: string }) | null> {
	const rows = await db.query<SessionUser & { password_hash: string }>(
		`select id, email, name, color, password_hash from users where email = $1`,
		[normalizeEmail(email)]
	);
	return rows[0] ?? null;
}
