/**
 * The sign-in and sign-up actions as a scripted client drives them: a form post from an address of
 * the test's choosing, answered with a redirect or a refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { postAction, type ActionAnswer } from '../helpers/actions.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { createUser } from '../../src/lib/server/users.ts';
import { actions as signInActions } from '../../src/routes/signin/+page.server.ts';
import { actions as signUpActions } from '../../src/routes/signup/+page.server.ts';

const PASSWORD = 'correct horse battery staple';
let db: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => {
	db = await openTestDb();
	setDb(db);
});
afterAll(() => db.dispose());

let counter = 0;
const uniqueEmail = (name: string) => `${name}.${Date.now()}.${counter++}@example.test`;

async function account(name: string): Promise<string> {
	const email = uniqueEmail(name);
	await createUser(db, { email, name, password: PASSWORD });
	return email;
}

const signIn = (email: string, password: string, address: string, path = '/signin') =>
	postAction(signInActions.default, { email, password }, { address, path });
const signUp = (form: Record<string, string>, address: string) =>
	postAction(signUpActions.default, form, { address, path: '/signup' });

describe('sign-in', () => {
	it('follows only same-site paths after signing in', async () => {
		const email = await account('Nia');
		const address = '10.0.0.1';
		expect(await signIn(email, PASSWORD, address, '/signin?next=/%09/evil.example')).toEqual({
			status: 303,
			location: '/'
		});
		expect(await signIn(email, PASSWORD, address, '/signin?next=/plans/p1%3Fstep%3D2')).toEqual({
			status: 303,
			location: '/plans/p1?step=2'
		});
	});

	it('refuses a name with a NUL byte at sign-up with a clear message', async () => {
		const answer = await signUp(
			{ name: 'Nul\u0000Name', email: uniqueEmail('nul'), password: PASSWORD },
			'10.0.0.2'
		);
		expect(answer).toMatchObject({
			status: 400,
			error: 'Remove the control characters (such as NUL or tab) from the text'
		});
	});

	it("counts an address's failures even when it signs in to its own account in between", async () => {
		const own = await account('Mallory');
		const address = '10.0.0.3';
		// Guesses at many accounts (so no one account locks), stopping one short of the limit.
		for (let i = 0; i < 49; i++)
			expect((await signIn(uniqueEmail('victim'), 'guess', address)).status).toBe(400);
		expect((await signIn(own, PASSWORD, address)).status).toBe(303);
		expect((await signIn(uniqueEmail('victim'), 'guess', address)).status).toBe(400);
		const refused = await signIn(uniqueEmail('victim'), 'guess', address);
		expect(refused).toMatchObject({
			status: 429,
			error: 'Too many failed sign-ins. Try again in 15 minutes.'
		});
		// Another address is not affected.
		expect((await signIn(own, PASSWORD, '10.0.0.4')).status).toBe(303);
	});

	it('takes as long for an unknown email as for a wrong password', async () => {
		const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
		const time = async (attempt: () => Promise<ActionAnswer>) => {
			const start = performance.now();
			expect((await attempt()).status).toBe(400);
			return performance.now() - start;
		};
		const known: number[] = [];
		const unknown: number[] = [];
		for (let i = 0; i < 7; i++) {
			// A fresh account and address each round, so no throttle steps in.
			const email = await account('Timed');
			known.push(await time(() => signIn(email, 'wrong password', `10.1.0.${i}`)));
			unknown.push(await time(() => signIn(uniqueEmail('nobody'), 'wrong', `10.2.0.${i}`)));
		}
		// Without a password check for unknown emails the ratio was about 1 : 4.
		expect(median(unknown)).toBeGreaterThan(median(known) * 0.6);
	});
});

describe('sign-up', () => {
	it('does not say that an email has an account, and counts such attempts per address', async () => {
		const email = await account('Existing');
		const address = '10.0.0.5';
		const answer = await signUp({ name: 'Someone', email, password: PASSWORD }, address);
		expect(answer.status).toBe(400);
		expect(answer.error).not.toMatch(/exists/i);
		expect(answer.error).toBe(
			'We could not create an account with this email. If you have signed up before, sign in.'
		);
		for (let i = 0; i < 49; i++) await signIn(uniqueEmail('victim'), 'guess', address);
		const refused = await signUp(
			{ name: 'Someone', email: uniqueEmail('new'), password: PASSWORD },
			address
		);
		expect(refused).toMatchObject({
			status: 429,
			error: 'Too many attempts. Try again in 15 minutes.'
		});
	});
});
