import type { Queryable } from './db/index.ts';

/** The number locale a person chose, or null to follow their browser. */
export async function numberLocaleOf(db: Queryable, userId: string): Promise<string | null> {
	const rows = await db.query<{ number_locale: string | null }>(
		`select number_locale from users where id = $1`,
		[userId]
	);
	return rows[0]?.number_locale ?? null;
}

/** Stores a checked locale tag (see checkLocale), or null to follow the browser again. */
export async function setNumberLocale(
	db: Queryable,
	userId: string,
	locale: string | null
): Promise<void> {
	await db.query(`update users set number_locale = $2 where id = $1`, [userId, locale]);
}
