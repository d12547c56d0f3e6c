import type { Queryable } from '../db/index.ts';
import { hashSecret, randomId } from '../ids.ts';

/**
 * Lucia-style sessions: the browser holds a random token, the database only its SHA-256, so a
 * leaked sessions table cannot be replayed. Expiry slides: a session used in its second half is
 * extended to a full period again.
 */
export const SESSION_COOKIE = 'concord_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	color: string;
}

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
}

export function generateSessionToken(): string {
	return randomId(20);
}

const sessionIdOf = hashSecret;

export async function createSession(
	db: Queryable,
	token: string,
	userId: string
): Promise<Session> {
	const session = {
		id: sessionIdOf(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_LIFETIME)
	};
	await db.query(`insert into sessions (id, user_id, expires_at) values ($1, $2, $3)`, [
		session.id,
		session.userId,
		session.expiresAt
	]);
	return session;
}

export async function validateSessionToken(
	db: Queryable,
	token: string
): Promise<{ session: Session; user: SessionUser } | null> {
	const id = sessionIdOf(token);
	const rows = await db.query<{
		expires_at: Date | string;
		user_id: string;
		email: string;
		name: string;
		color: string;
	}>(
		`select s.expires_at, u.id as user_id, u.email, u.name, u.color
		 from sessions s join users u on u.id = s.user_id where s.id = $1`,
		[id]
	);
	const row = rows[0];
	if (!row) return null;
	const session: Session = { id, userId: row.user_id, expiresAt: new Date(row.expires_at) };
	if (Date.now() >= session.expiresAt.getTime()) {
		await db.query(`delete from sessions where id = $1`, [id]);
		return null;
	}
	if (Date.now() >= session.expiresAt.getTime() - SESSION_LIFETIME / 2) {
		session.expiresAt = new Date(Date.now() + SESSION_LIFETIME);
		await db.query(`update sessions set expires_at = $1 where id = $2`, [session.expiresAt, id]);
	}
	return {
		session,
		user: { id: row.user_id, email: row.email, name: row.name, color: row.color }
	};
}

export async function invalidateSession(db: Queryable, sessionId: string): Promise<void> {
	await db.query(`delete from sessions where id = $1`, [sessionId]);
}

/** Reads one cookie from a raw Cookie header (the WebSocket upgrade has no SvelteKit `cookies`). */
export function readCookie(header: string | undefined, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) {
			return decodeURIComponent(part.slice(eq + 1).trim());
		}
	}
	return null;
}
