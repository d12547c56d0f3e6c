import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import {
	cycleActor,
	functionTeam,
	planWithMembers,
	SEED,
	signedInUser,
	type TestUser
} from '../helpers/fixtures.ts';
import { getPlanAccess } from '../../src/lib/server/access.ts';
import {
	listEvents,
	readSteps,
	reopen,
	setRequired,
	signOff,
	unsign,
	withdrawAfterEdit
} from '../../src/lib/server/cycle.ts';
import { getVersion, listVersions } from '../../src/lib/server/plan-versions.ts';
import { seedStepDocuments } from '../../src/lib/server/plan-values.ts';
import { getHierarchy, getPlan } from '../../src/lib/server/plans.ts';
import { copyToNextCycle } from '../../src/lib/server/next-cycle.ts';
import { startThread } from '../../src/lib/server/comments.ts';
import { isRefusal } from '../../src/lib/server/refusal.ts';
import { readPlanFigures } from '../../src/lib/server/plan-versions.ts';
import type { Signer } from '../../src/lib/domain/cycle.ts';
import type { StepNumber } from '../../src/lib/domain/roles.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => (db = await openTestDb()));
afterAll(() => db.dispose());

interface Team {
	planId: string;
	itemId: string;
	leader: TestUser;
	sales: TestUser;
	sales2: TestUser;
	ops: TestUser;
	finance: TestUser;
	viewer: TestUser;
}

async function team(): Promise<Team> {
	const { leader, sales, ops, finance, members } = await functionTeam(db);
	const sales2 = await signedInUser(db, 'Sue Sales');
	const viewer = await signedInUser(db, 'Vic Viewer');
	const { planId } = await planWithMembers(db, leader, [
		...members,
		{ user: sales2, fn: 'sales', role: 'editor' },
		{ user: viewer, fn: 'sales', role: 'viewer' }
	]);
	const { items } = await getHierarchy(db, planId);
	return { planId, itemId: items[0].id, leader, sales, sales2, ops, finance, viewer };
}

const actor = (planId: string, user: TestUser) => cycleActor(db, planId, user);

const sign = async (t: Team, user: TestUser, step: StepNumber, signer: Signer, remark = '') =>
	signOff(db, await actor(t.planId, user), step, signer, remark);

async function refusal(run: Promise<unknown>): Promise<{ status: number; message: string }> {
	try {
		await run;
	} catch (error) {
		if (isRefusal(error)) return { status: error.status, message: error.message };
		throw error;
	}
	throw new Error('expected a refusal');
}

describe('sign-offs and locks', () => {
	it('locks a step when its last required sign-off arrives, and logs every event', async () => {
		const t = await team();
		expect(await sign(t, t.sales, 1, 'sales', 'Forecast agreed with key accounts')).toEqual({
			locked: false,
			approvedVersion: null
		});
		await sign(t, t.ops, 1, 'operations');
		expect((await readSteps(db, t.planId))[0].lockedAt).toBeNull();
		expect(await sign(t, t.finance, 1, 'finance')).toEqual({ locked: true, approvedVersion: null });

		const step1 = (await readSteps(db, t.planId))[0];
		expect(step1.lockedAt).not.toBeNull();
		expect(step1.lockedBy).toBe('Fay Finance');
		expect(step1.signOffs.map((s) => [s.signer, s.userName])).toEqual([
			['sales', 'Sam Sales'],
			['operations', 'Olu Operations'],
			['finance', 'Fay Finance']
		]);
		const events = (await listEvents(db, t.planId)).reverse();
		expect(events.map((e) => [e.kind, e.userName, e.detail])).toEqual([
			['signed', 'Sam Sales', 'for Sales: Forecast agreed with key accounts'],
			['signed', 'Olu Operations', 'for Operations'],
			['signed', 'Fay Finance', 'for Finance'],
			['locked', 'Fay Finance', '']
		]);
	});

	it('refuses viewers (403), other functions and repeated sign-offs with clear messages', async () => {
		const t = await team();
		expect(await refusal(sign(t, t.viewer, 1, 'sales'))).toEqual({
			status: 403,
			message: 'Viewers cannot sign off; ask a plan leader for a role.'
		});
		expect((await refusal(sign(t, t.sales, 1, 'finance'))).message).toMatch(/not your function/);
		await sign(t, t.sales, 1, 'sales');
		expect((await refusal(sign(t, t.sales2, 1, 'sales'))).message).toBe(
			'Sales already signed off step 1 (Demand review) (Sam Sales).'
		);
		expect((await refusal(sign(t, t.sales, 4, 'leader'))).message).toMatch(/Only plan leaders/);
		expect((await readSteps(db, t.planId))[0].signOffs).toHaveLength(1);
	});

	it('counts concurrent sign-offs exactly once and locks the step once', async () => {
		const t = await team();
		await sign(t, t.sales, 1, 'sales');
		// The two last sign-offs at the same moment, and two sales people racing for one seat.
		const results = await Promise.allSettled([
			sign(t, t.ops, 1, 'operations'),
			sign(t, t.finance, 1, 'finance'),
			sign(t, t.sales, 2, 'sales'),
			sign(t, t.sales2, 2, 'sales')
		]);
		expect(results.slice(0, 2).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
		expect(results.slice(2).filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const steps = await readSteps(db, t.planId);
		expect(steps[0].signOffs).toHaveLength(3);
		expect(steps[0].lockedAt).not.toBeNull();
		expect(steps[1].signOffs).toHaveLength(1);
		const events = await listEvents(db, t.planId);
		expect(events.filter((e) => e.kind === 'locked')).toHaveLength(1);
		expect(events.filter((e) => e.kind === 'signed')).toHaveLength(4);
	});

	it('withdraws the sign-offs of an open step that is edited, and leaves a locked one alone', async () => {
		const t = await team();
		await sign(t, t.sales, 1, 'sales');
		await sign(t, t.ops, 1, 'operations');
		expect(await withdrawAfterEdit(db, t.planId, 1, t.sales2.id)).toBe(true);
		expect((await readSteps(db, t.planId))[0].signOffs).toEqual([]);
		const [last] = await listEvents(db, t.planId);
		expect([last.kind, last.userName, last.detail]).toEqual([
			'withdrawn',
			'Sue Sales',
			'Sales, Operations: the numbers changed'
		]);
		expect(await withdrawAfterEdit(db, t.planId, 1, t.sales2.id)).toBe(false);
	});

	it('lets a member take back their own sign-off while the step is open', async () => {
		const t = await team();
		await sign(t, t.ops, 2, 'operations');
		expect(
			(await refusal(unsign(db, await actor(t.planId, t.sales), 2, 'operations'))).status
		).toBe(403);
		await unsign(db, await actor(t.planId, t.ops), 2, 'operations');
		expect((await readSteps(db, t.planId))[1].signOffs).toEqual([]);
	});

	it('lets leaders change the required sign-offs; dropping the missing one locks', async () => {
		const t = await team();
		await sign(t, t.ops, 2, 'operations');
		expect(
			(await refusal(setRequired(db, await actor(t.planId, t.ops), 2, ['operations']))).status
		).toBe(403);
		expect(await setRequired(db, await actor(t.planId, t.leader), 2, ['operations'])).toEqual({
			locked: true
		});
		const step2 = (await readSteps(db, t.planId))[1];
		expect(step2.required).toEqual(['operations']);
		expect(step2.lockedAt).not.toBeNull();
	});
});

describe('reopening and approval', () => {
	async function lockAll(t: Team) {
		for (const s of ['sales', 'operations', 'finance'] as const) {
			await sign(t, { sales: t.sales, operations: t.ops, finance: t.finance }[s], 1, s);
		}
		await sign(t, t.ops, 2, 'operations');
		await sign(t, t.sales, 2, 'sales');
		await sign(t, t.finance, 3, 'finance');
		await sign(t, t.ops, 3, 'operations');
	}

	it('reopens a locked step only for a leader with a reason, and records it', async () => {
		const t = await team();
		await lockAll(t);
		expect(
			(await refusal(reopen(db, await actor(t.planId, t.sales), 1, 'Late order from Acme'))).status
		).toBe(403);
		expect((await refusal(reopen(db, await actor(t.planId, t.leader), 1, ''))).message).toMatch(
			/Say why/
		);
		await reopen(db, await actor(t.planId, t.leader), 1, 'Late order from Acme');
		const step1 = (await readSteps(db, t.planId))[0];
		expect([step1.lockedAt, step1.signOffs]).toEqual([null, []]);
		const [last] = await listEvents(db, t.planId);
		expect([last.kind, last.step, last.userName, last.detail]).toEqual([
			'reopened',
			1,
			'Lee Leader',
			'Late order from Acme'
		]);
	});

	it('approves the plan into an immutable version with derived values, and reopening withdraws it', async () => {
		const t = await team();
		const plan = (await getPlan(db, t.planId))!;
		await seedStepDocuments(
			db,
			t.planId,
			['2027-01', '2027-02'],
			[
				{ ownerId: t.itemId, period: '2027-01', measureId: 'consensus', value: 10 },
				{ ownerId: t.itemId, period: '2027-01', measureId: 'price', value: 25 },
				{ ownerId: t.itemId, period: '2027-01', measureId: 'production', value: 12 }
			],
			SEED
		);
		expect(plan.horizon).toBe(12);
		expect((await refusal(sign(t, t.leader, 4, 'leader'))).message).toMatch(
			/still open: step 1, step 2, step 3/
		);
		await lockAll(t);
		const question = await startThread(db, {
			planId: t.planId,
			userId: t.finance.id,
			target: { ownerId: t.itemId, measureId: 'price', period: '2027-01' },
			body: 'Is 25 the list price?'
		});
		expect(question.threadId).toBeTruthy();
		expect(await sign(t, t.leader, 4, 'leader', 'Go')).toEqual({
			locked: true,
			approvedVersion: 1
		});
		const version = (await getVersion(db, t.planId, 1))!;
		expect(version.approvedBy).toBe('Lee Leader');
		const [stored] = await db.query<{ kind: string }>(
			`select json_typeof(content) as kind from plan_versions where plan_id = $1`,
			[t.planId]
		);
		expect(stored.kind).toBe('object');
		expect(version.content.rows[t.itemId].revenue[0]).toBe(250);
		expect(version.content.rows[t.itemId].gap[0]).toBe(2);
		expect(version.content.rows.total.consensus[0]).toBe(10);
		expect(version.content.rows[t.itemId].revenue[1]).toBe(0);
		expect((await listEvents(db, t.planId))[0].kind).toBe('approved');
		// The comments are kept with the version as they stood, whatever happens to them later.
		expect(version.content.comments.map((c) => [c.measureId, c.comments[0].body])).toEqual([
			['price', 'Is 25 the list price?']
		]);
		await db.query(`delete from comment_threads where plan_id = $1`, [t.planId]);
		expect((await getVersion(db, t.planId, 1))!.content.comments).toHaveLength(1);

		await reopen(db, await actor(t.planId, t.leader), 2, 'Supplier cut capacity');
		const steps = await readSteps(db, t.planId);
		expect(steps.map((s) => s.lockedAt !== null)).toEqual([true, false, true, false]);
		expect(await listVersions(db, t.planId)).toHaveLength(1);
		const events = await listEvents(db, t.planId);
		expect(events.slice(0, 2).map((e) => [e.kind, e.step])).toEqual([
			['reopened', 4],
			['reopened', 2]
		]);
	});

	it('copies the live plan into the next cycle, a month later, with its people and values', async () => {
		const t = await team();
		await seedStepDocuments(
			db,
			t.planId,
			(await readPlanFigures(db, t.planId)).periods,
			[
				{ ownerId: t.itemId, period: '2027-02', measureId: 'forecast', value: 40 },
				{ ownerId: t.itemId, period: '2027-01', measureId: 'opening', value: 100 },
				{ ownerId: t.itemId, period: '2027-01', measureId: 'consensus', value: 30 }
			],
			SEED
		);
		await db.query(`update plans set currency = 'USD' where id = $1`, [t.planId]);
		const nextId = await copyToNextCycle(db, t.planId, t.leader.id, 'Plan February');
		const next = (await getPlan(db, nextId))!;
		expect([next.name, next.start_month, next.horizon]).toEqual(['Plan February', '2027-02', 12]);
		expect(next.currency).toBe('USD');
		expect(await getPlanAccess(db, t.ops.id, nextId)).toEqual({ role: 'editor', fn: 'operations' });
		const { figures, items } = await readPlanFigures(db, nextId);
		const item = figures.item(items[0].id);
		expect(item.forecast[0]).toBe(40);
		// January ended with 100 − 30 in stock: February opens with it.
		expect(item.opening[0]).toBe(70);
		expect((await listEvents(db, nextId))[0].detail).toBe('copied from "Test plan"');
	});

	it('opens the next cycle at 0 where the plan projects a shortfall, and logs the shortfall', async () => {
		const t = await team();
		await seedStepDocuments(
			db,
			t.planId,
			(await readPlanFigures(db, t.planId)).periods,
			[
				{ ownerId: t.itemId, period: '2027-01', measureId: 'opening', value: 10 },
				{ ownerId: t.itemId, period: '2027-01', measureId: 'consensus', value: 35 }
			],
			SEED
		);
		const nextId = await copyToNextCycle(db, t.planId, t.leader.id, 'Plan February');
		const { figures, items } = await readPlanFigures(db, nextId);
		// January ends 25 short: February opens with nothing, not with −25.
		expect(figures.item(items[0].id).opening[0]).toBe(0);
		const details = (await listEvents(db, nextId)).map((e) => e.detail);
		expect(details).toContain(
			`opening inventory set to 0 where "Test plan" projected a shortfall: ${items[0].sku} -25`
		);
	});
});
