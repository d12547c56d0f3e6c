import { getDb } from '$lib/server/db';
import { localeFromAcceptLanguage } from '$lib/domain/number-locale';
import { numberLocaleOf } from '$lib/server/user-settings';
import type { LayoutServerLoad } from './$types';

// Numbers follow the person's choice, else their browser's language. The server picks it from
// Accept-Language (the browser's own list, as navigator.languages) so that the page it renders
// and the page the browser hydrates write numbers alike.
export const load: LayoutServerLoad = async ({ locals, request }) => {
	const chosen = locals.user ? await numberLocaleOf(await getDb(), locals.user.id) : null;
	return {
		user: locals.user,
		numberLocale: chosen ?? localeFromAcceptLanguage(request.headers.get('accept-language')),
		numberLocaleChosen: chosen
	};
};
