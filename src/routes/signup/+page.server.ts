import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { addressThrottle, throttledMessage } from '$lib/server/auth/rate-limit';
import { createUser, EmailTakenError } from '$lib/server/users';
import { firstError, formFields, signUpSchema } from '$lib/server/validation';
import { safeNext } from '$lib/server/redirects';
import { inviteOfPath, landingAfterSignIn } from '$lib/server/invites';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	const invite = await inviteOfPath(await getDb(), next);
	return { email: url.searchParams.get('email') ?? invite?.email ?? '', invite };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const fields = formFields(await request.formData());
		const parsed = signUpSchema.safeParse(fields);
		const values = { name: fields.name ?? '', email: fields.email ?? '' };
		if (!parsed.success) return fail(400, { ...values, error: firstError(parsed.error) });
		// Without verification emails, a refused sign-up tells that the email has an account; the
		// address throttle at least stops anyone from trying a list of emails this way.
		const address = getClientAddress();
		const wait = await addressThrottle.retryAfter(address);
		if (wait > 0) return fail(429, { ...values, error: throttledMessage('attempts', wait) });
		const db = await getDb();
		let user;
		try {
			user = await createUser(db, parsed.data);
			const token = generateSessionToken();
			const session = await createSession(db, token, user.id);
			setSessionCookie(cookies, url, token, session.expiresAt);
		} catch (e) {
			if (e instanceof EmailTakenError) {
				await addressThrottle.fail(address);
				return fail(400, { ...values, error: e.message });
			}
			throw e;
		}
		redirect(303, await landingAfterSignIn(db, safeNext(url.searchParams.get('next')), user));
	}
};
