import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { localeFromAcceptLanguage } from '$lib/domain/number-locale';
import { setNumberLocale } from '$lib/server/user-settings';
import { firstError, formFields, numberLocaleSchema } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, request }) => {
	if (!locals.user) redirect(303, '/signin?next=/settings');
	return { browserLocale: localeFromAcceptLanguage(request.headers.get('accept-language')) };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		if (!locals.user) redirect(303, '/signin?next=/settings');
		const parsed = numberLocaleSchema.safeParse(formFields(await request.formData()));
		if (!parsed.success) return fail(400, { error: firstError(parsed.error) });
		await setNumberLocale(await getDb(), locals.user.id, parsed.data.locale);
		return { saved: true, locale: parsed.data.locale };
	}
};
