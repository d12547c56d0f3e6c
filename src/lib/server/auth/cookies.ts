import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session.ts';

/*
 * Secure only over HTTPS: SvelteKit's default would also mark the cookie Secure on a plain-HTTP
 * install reached by a LAN address, and the browser would then drop it, so nobody could sign in.
 */
const options = (url: URL) => ({
	httpOnly: true,
	sameSite: 'lax' as const,
	path: '/',
	secure: url.protocol === 'https:'
});

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, { ...options(url), expires: expiresAt });
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, options(url));
}
