import type { Session, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
		}
		interface Error {
			message: string;
			/** Set while the database is unavailable: the error page then retries by itself. */
			code?: 'database-unavailable';
		}
	}
}

export {};
