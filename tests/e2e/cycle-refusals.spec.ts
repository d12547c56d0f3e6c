import { expect, test, type APIRequestContext } from '@playwright/test';
import { as, BASE, demoPlan } from './api';

/**
 * Sign-off, reopening and approval posted straight to the server by people the UI would not offer
 * them to: each is refused with a clear message and the step stays as it was.
 */
const JSON_POST = { origin: BASE, accept: 'application/json' };

async function post(
	ctx: APIRequestContext,
	plan: string,
	action: string,
	form: Record<string, string>
) {
	const res = await ctx.post(`/plans/${plan}?/${action}`, { form, headers: JSON_POST });
	const body = (await res.json()) as { type: string; status?: number; data?: string };
	return { status: body.status ?? res.status(), type: body.type, text: JSON.stringify(body) };
}

async function stepOne(ctx: APIRequestContext, plan: string) {
	const cycle = (await (await ctx.get(`/plans/${plan}/cycle`)).json()) as {
		steps: { signOffs: unknown[]; lockedAt: string | null }[];
	};
	return cycle.steps[0];
}

test('viewers, the wrong function and non-leaders are refused with clear messages', async () => {
	const viewer = await as('vic@demo.concord');
	const { plan } = await demoPlan(viewer);
	const before = await stepOne(viewer, plan);

	const byViewer = await post(viewer, plan, 'signOff', { step: '1', signer: 'sales' });
	expect([byViewer.type, byViewer.status]).toEqual(['failure', 403]);
	expect(byViewer.text).toContain('Viewers cannot sign off');

	const sales = await as('sam@demo.concord');
	const forFinance = await post(sales, plan, 'signOff', { step: '1', signer: 'finance' });
	expect([forFinance.type, forFinance.status]).toEqual(['failure', 409]);
	expect(forFinance.text).toContain('You cannot sign off for Finance: that is not your function.');

	const approve = await post(sales, plan, 'signOff', { step: '4', signer: 'leader' });
	expect(approve.text).toContain('Only plan leaders can sign off for the leaders.');

	const reopen = await post(sales, plan, 'reopen', { step: '1', reason: 'Because I say so' });
	expect([reopen.type, reopen.status]).toEqual(['failure', 403]);
	expect(reopen.text).toContain('Only plan leaders can reopen a step.');

	const required = await post(sales, plan, 'required', { step: '1', signers: 'sales' });
	expect(required.status).toBe(403);
	expect(required.text).toContain('Only plan leaders can change who signs off.');

	const nextCycle = await post(sales, plan, 'nextCycle', { name: 'Mine now' });
	expect([nextCycle.type, nextCycle.status]).toEqual(['failure', 403]);
	expect(nextCycle.text).toContain('Only plan leaders can start the next cycle.');

	const roles = await sales.post(`/plans/${plan}/members?/setRole`, {
		form: { userId: 'anyone', role: 'leader' },
		headers: JSON_POST
	});
	expect(await roles.json()).toMatchObject({
		type: 'failure',
		status: 403,
		data: expect.stringContaining('Only plan leaders can change who has access.')
	});

	expect(await stepOne(viewer, plan)).toEqual(before);
});

test('bad cycle forms say what is wrong and change nothing', async () => {
	const sales = await as('sam@demo.concord');
	const { plan } = await demoPlan(sales);
	const before = await stepOne(sales, plan);

	const badStep = await post(sales, plan, 'signOff', { step: 'nine', signer: 'sales' });
	expect([badStep.type, badStep.status]).toEqual(['failure', 400]);
	expect(badStep.text).toContain('Choose a step of the cycle');

	const badSigner = await post(sales, plan, 'signOff', { step: '1', signer: 'marketing' });
	expect(badSigner.text).toContain('Choose whom you sign off for');

	const longRemark = await post(sales, plan, 'signOff', {
		step: '1',
		signer: 'sales',
		remark: 'x'.repeat(501)
	});
	expect(longRemark.status).toBe(400);
	expect(longRemark.text).toContain('Keep the remark under 500 characters');

	const leader = await as('lee@demo.concord');
	const notLocked = await post(leader, plan, 'reopen', { step: '2', reason: 'No reason at all' });
	expect(notLocked.text).toContain('Step 2 (Supply review) is not locked.');

	const nobody = await post(leader, plan, 'required', { step: '2' });
	expect(nobody.text).toContain('A step needs at least one sign-off.');

	const missing = await leader.get(`/plans/nosuchplan/cycle`);
	expect(missing.status()).toBe(404);
	expect(await stepOne(sales, plan)).toEqual(before);
});
