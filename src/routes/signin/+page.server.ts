import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { verifyNoAccount, verifyPassword } from '$lib/server/auth/password';
import { accountThrottle, addressThrottle, throttledMessage } from '$lib/server/auth/rate-limit';
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

		const account = normalizeEmail(parsed.data.email);
		const address = getClientAddress();
		const wait = Math.max(
			await accountThrottle.retryAfter(account),
			await addressThrottle.retryAfter(address)
		);
		if (wait > 0) return fail(429, { email, error: throttledMessage('failed sign-ins', wait) });

		const db = await getDb();
		const user = await findUserByEmail(db, parsed.data.email);
		const valid = user
			? await verifyPassword(user.password_hash, parsed.data.password)
			: await verifyNoAccount(parsed.data.password);
		if (!user || !valid) {
			await Promise.all([accountThrottle.fail(account), addressThrottle.fail(address)]);
			return fail(400, { email, error: 'Wrong email or password' });
		}
		await accountThrottle.succeed(account);
		const token = generateSessionToken();
		const session = await createSession(db, token, user.id);
		setSessionCookie(cookies, url, token, session.expiresAt);
		redirect(303, await landingAfterSignIn(db, safeNext(url.searchParams.get('next')), user));
	}
};
