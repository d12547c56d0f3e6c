import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { readCookie, SESSION_COOKIE } from '../../src/lib/server/auth/session.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import { parseDocument, type DocumentRef } from '../../src/lib/domain/documents.ts';
import { authorize, type Authorization } from './authorize.ts';

export const COLLAB_PREFIX = '/collab/';

/** The path part after /collab/, or null when the request is not ours. */
export function collabPath(url: string | undefined): string | null {
	if (!url) return null;
	let pathname: string;
	try {
		pathname = new URL(url, 'http://localhost').pathname;
	} catch {
		return null;
	}
	return pathname.startsWith(COLLAB_PREFIX) ? pathname.slice(COLLAB_PREFIX.length) : null;
}

/**
 * Browsers send cookies with cross-site WebSocket handshakes, so without this check any page could
 * act as the signed-in user. Clients that send no Origin (not browsers) cannot ride on a cookie.
 */
export function originAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
	const origin = req.headers.origin;
	if (origin === undefined) return true;
	let url: URL;
	try {
		url = new URL(origin);
	} catch {
		return false;
	}
	if (allowedOrigins.includes(url.origin)) return true;
	const host = req.headers.host;
	return host !== undefined && url.host.toLowerCase() === host.toLowerCase();
}

export type UpgradeDecision =
	| { ok: true; name: string; ref: DocumentRef; token: string; auth: Authorization & { ok: true } }
	| { ok: false; status: number };

/**
 * Decides a WebSocket upgrade before anything is accepted. Origin is checked before the session so
 * a foreign page cannot make us touch (and slide) its victim's session.
 */
export async function decideUpgrade(
	req: IncomingMessage,
	db: () => Promise<Queryable>,
	allowedOrigins: readonly string[]
): Promise<UpgradeDecision> {
	const name = collabPath(req.url);
	const ref = name === null ? null : parseDocument(name);
	if (name === null || ref === null) return { ok: false, status: 404 };
	if (!originAllowed(req, allowedOrigins)) return { ok: false, status: 403 };
	const token = readCookie(req.headers.cookie, SESSION_COOKIE);
	if (!token) return { ok: false, status: 401 };
	const auth = await authorize(await db(), token, ref);
	if (!auth.ok) return auth;
	return { ok: true, name, ref, token, auth };
}

const STATUS_TEXT: Record<number, string> = {
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	503: 'Service Unavailable'
};

/** Answers the handshake with a bare HTTP status and closes the socket. */
export function rejectUpgrade(socket: Duplex, status: number): void {
	if (socket.destroyed) return;
	const text = STATUS_TEXT[status] ?? 'Error';
	socket.once('finish', () => socket.destroy());
	socket.end(
		`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`
	);
}
