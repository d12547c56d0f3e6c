/**
 * The number-locale setting as a scripted client posts it: a valid tag is stored in its canonical
 * spelling and read back by every page's layout; anything else is refused with a clear message and
 * leaves the stored choice as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { postAction } from '../helpers/actions.ts';
import { signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { numberLocaleOf } from '../../src/lib/server/user-settings.ts';
import { actions } from '../../src/routes/settings/+page.server.ts';
import { load } from '../../src/routes/+layout.server.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let user: TestUser;
beforeAll(async () => {
	db = await openTestDb();
	setDb(db);
	user = await signedInUser(db, 'Nora');
});
afterAll(() => db.dispose());

const save = (locale: string, who: TestUser | null = user) =>
	postAction(actions.default, { locale }, { path: '/settings', user: who });

async function layoutLocale(acceptLanguage: string) {
	const locals = { user: { id: user.id, name: user.name, email: user.email, color: '#000' } };
	const request = new Request('http://concord.test/', {
		headers: { 'accept-language': acceptLanguage }
	});
	const data = (await (load as (e: unknown) => Promise<unknown>)({ locals, request })) as {
		numberLocale: string;
		numberLocaleChosen: string | null;
	};
	return data;
}

describe('the number-locale setting', () => {
	it('follows the browser until a locale is chosen, then the choice', async () => {
		expect(await layoutLocale('nb-NO,nb;q=0.9,en;q=0.5')).toEqual(
			expect.objectContaining({ numberLocale: 'nb-NO', numberLocaleChosen: null })
		);
		expect(await save('de-de')).toMatchObject({ status: 200 });
		expect(await numberLocaleOf(db, user.id)).toBe('de-DE');
		expect(await layoutLocale('nb-NO')).toEqual(
			expect.objectContaining({ numberLocale: 'de-DE', numberLocaleChosen: 'de-DE' })
		);
		expect(await save('')).toMatchObject({ status: 200 });
		expect(await numberLocaleOf(db, user.id)).toBeNull();
	});

	it('refuses unknown, malformed and huge tags, keeping the stored choice', async () => {
		await save('nb-NO');
		expect(await save('not a locale')).toEqual(
			expect.objectContaining({
				status: 400,
				error: '"not a locale" is not a locale tag (such as nb-NO or en-US)'
			})
		);
		expect(await save('x'.repeat(10_000))).toEqual(
			expect.objectContaining({ status: 400, error: 'A locale tag has at most 35 characters' })
		);
		expect(await save('en\u0000')).toMatchObject({ status: 400 });
		expect(await numberLocaleOf(db, user.id)).toBe('nb-NO');
	});

	it('refuses a missing field and a signed-out client', async () => {
		expect(await postAction(actions.default, {}, { path: '/settings', user })).toEqual(
			expect.objectContaining({ status: 400, error: 'Choose how numbers are written' })
		);
		expect(await save('en-US', null)).toEqual({
			status: 303,
			location: '/signin?next=/settings'
		});
	});
});
