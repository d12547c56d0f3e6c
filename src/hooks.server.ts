import { error, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { isDatabaseUnavailable } from '$lib/server/db/unavailable';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { seedDemoIfEmpty } from '$lib/server/seed';
import { DATABASE_UNAVAILABLE } from '$lib/errors';
import { isUploadPath, MAX_OTHER_BODY_BYTES } from '$lib/server/import/limits';

export const init: ServerInit = async () => {
	const db = await getDb();
	if (process.env.CONCORD_DEMO !== 'off') await seedDemoIfEmpty(db);
};

/** How long a client is asked to wait before trying again while the database is away. */
const RETRY_AFTER_SECONDS = '5';

/** Requests that failed because the database is away; their answers become 503s. */
const unavailable = new WeakSet<Request>();

export const handle: Handle = async ({ event, resolve }) => {
	// Postgres refuses NUL in text, and no route has a use for it in its address.
	if ((event.url.pathname + event.url.search).includes('%00'))
		error(400, { message: 'The address contains a NUL character' });
	// Only imports take files; any other body must say its length, and be small.
	if (!isUploadPath(event.url.pathname)) refuseLargeBody(event.request);
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		let result: Awaited<ReturnType<typeof validateSessionToken>>;
		try {
			result = await validateSessionToken(await getDb(), token);
		} catch (e) {
			if (!isDatabaseUnavailable(e)) throw e;
			// Not signed out: the session may well be valid once the database is back.
			error(503, { message: DATABASE_UNAVAILABLE, code: 'database-unavailable' });
		}
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	const response = await resolve(event);
	if (!unavailable.has(event.request)) return response;
	// A page's or action's query found the database away: SvelteKit rendered the error page (or
	// its JSON) as a 500; the truth is "unavailable for now".
	const headers = new Headers(response.headers);
	headers.set('retry-after', RETRY_AFTER_SECONDS);
	return new Response(response.body, { status: 503, headers });
};

function refuseLargeBody(request: Request): void {
	const declared = request.headers.get('content-length');
	if (declared === null && request.headers.has('transfer-encoding')) {
		error(411, { message: 'Send the length of the request body' });
	}
	if (Number(declared ?? 0) > MAX_OTHER_BODY_BYTES) {
		error(413, { message: `The request is larger than ${MAX_OTHER_BODY_BYTES / 1024} KB` });
	}
}

/** An address no route serves (SvelteKit's own message would repeat the heading: "Not Found"). */
const NO_PAGE = 'There is no page at this address';

export const handleError: HandleServerError = ({ error: e, event, status, message }) => {
	if (status === 404) return { message: NO_PAGE };
	if (!isDatabaseUnavailable(e)) return { message };
	unavailable.add(event.request);
	return { message: DATABASE_UNAVAILABLE, code: 'database-unavailable' };
};
