import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { verifyPassword } from '$lib/server/auth/password';
import { accountThrottle, addressThrottle } from '$lib/server/auth/rate-limit';
import { findUserByEmail, normalizeEmail } from '$lib/server/users';
import { firstError, formFields, signInSchema } from '$lib/server/validation';
import { safeNext } from '$lib/server/redirects';
import { inviteOfPath, landingAfterSignIn } from '$lib/server/invites';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	return { invite: await inviteOfPath(await getDb(), next) };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const fields = formFields(await request.formData());
		const email = fields.email ?? '';
		const parsed = signInSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { email, error: firstError(parsed.error) });

		const throttles = [
			{ throttle: accountThrottle, key: normalizeEmail(parsed.data.email) },
			{ throttle: addressThrottle, key: getClientAddress() }
		];
		const wait = Math.max(...throttles.map((t) => t.throttle.retryAfter(t.key)));
		if (wait > 0) {
			const minutes = Math.ceil(wait / 60000);
			return fail(429, {
				email,
				error: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
			});
		}

		const db = await getDb();
		const user = await findUserByEmail(db, parsed.data.email);
		const valid = user !== null && (await verifyPassword(user.password_hash, parsed.data.password));
		if (!user || !valid) {
			throttles.forEach((t) => t.throttle.fail(t.key));
			return fail(400, { email, error: 'Wrong email or password' });
		}
		throttles.forEach((t) => t.throttle.succeed(t.key));
		const token = generateSessionToken();
		const session = await createSession(db, token, user.id);
		setSessionCookie(cookies, url, token, session.expiresAt);
		redirect(303, await landingAfterSignIn(db, safeNext(url.searchParams.get('next')), user));
	}
};
