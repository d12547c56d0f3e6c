import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import {
	planWithMembers,
	sampleFamilies,
	signedInUser,
	type TestUser
} from '../helpers/fixtures.ts';
import { postAction } from '../helpers/actions.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import {
	acceptInvite,
	createInvite,
	findInvite,
	landingAfterSignIn,
	listPendingInvites
} from '../../src/lib/server/invites.ts';
import { getPlanAccess } from '../../src/lib/server/access.ts';
import {
	createPlan,
	getHierarchy,
	getPlan,
	listPlans,
	setPlanRole
} from '../../src/lib/server/plans.ts';
import { addMember, createWorkspace, listMembers } from '../../src/lib/server/workspaces.ts';
import { seedDemoIfEmpty } from '../../src/lib/server/seed.ts';
import { refreshBaseline } from '../../src/lib/server/forecast/refresh-baseline.ts';
import { safetyStockView } from '../../src/lib/server/forecast/safety-stock.ts';
import { listVersions, readPlanFigures } from '../../src/lib/server/plan-versions.ts';
import { accuracyReport } from '../../src/lib/server/forecast/accuracy.ts';
import { readCycleView } from '../../src/lib/server/cycle.ts';
import { previousCycleVersion } from '../../src/lib/server/version-compare.ts';
import { missingSigners } from '../../src/lib/domain/cycle.ts';
import { actions as workspaceActions } from '../../src/routes/w/[workspace]/+page.server.ts';
import { actions as newPlanActions } from '../../src/routes/w/[workspace]/plans/new/+page.server.ts';
import { actions as signUpActions } from '../../src/routes/signup/+page.server.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => {
	db = await openTestDb();
	// The routes use the process database.
	setDb(db);
});
afterAll(() => db.dispose());

/** Creates an invite that must succeed, and returns its token. */
async function inviteToken(input: Parameters<typeof createInvite>[1]): Promise<string> {
	const created = await createInvite(db, input);
	if (!created.ok) throw new Error(created.error);
	return created.token;
}

describe('invites', () => {
	it('joins the invited person with their function, once', async () => {
		const admin = await signedInUser(db, 'Admin');
		const workspaceId = await createWorkspace(db, 'Acme', admin.id);
		const invitee = await signedInUser(db, 'Invitee');
		const { email } = invitee;
		const token = await inviteToken({
			workspaceId,
			email: email.toUpperCase(),
			fn: 'finance',
			invitedBy: admin.id
		});
		expect((await findInvite(db, token))?.workspace_name).toBe('Acme');

		const stranger = await signedInUser(db, 'Stranger');
		const wrong = await acceptInvite(db, token, {
			id: stranger.id,
			email: 'stranger@example.test'
		});
		expect(wrong).toEqual({
			ok: false,
			error: `This invite is for ${email}. Sign in with that address to accept it.`
		});

		expect(await acceptInvite(db, token, { id: invitee.id, email })).toEqual({
			ok: true,
			workspaceId
		});
		const members = await listMembers(db, workspaceId);
		expect(members.find((m) => m.user_id === invitee.id)?.function).toBe('finance');
		expect(members.some((m) => m.user_id === stranger.id)).toBe(false);

		expect(await acceptInvite(db, token, { id: invitee.id, email })).toEqual({
			ok: false,
			error: 'This invite has already been used.'
		});
		expect(await acceptInvite(db, 'made-up', { id: invitee.id, email })).toEqual({
			ok: false,
			error: 'This invite link is not valid.'
		});
	});
});

describe('invites with plan roles', () => {
	it('give the chosen roles on acceptance, with the membership, and keep roles already held', async () => {
		const admin = await signedInUser(db, 'Ines Admin');
		const { workspaceId, planId } = await planWithMembers(db, admin);
		const second = await createPlan(
			db,
			{ workspaceId, name: 'Second plan', startMonth: '2027-01', horizon: 6, families: [] },
			admin.id
		);
		const invitee = await signedInUser(db, 'Gus Guest');
		const token = await inviteToken({
			workspaceId,
			email: invitee.email,
			fn: 'sales',
			invitedBy: admin.id,
			grants: [
				{ planId, role: 'editor' },
				{ planId: second, role: 'leader' }
			]
		});
		expect((await findInvite(db, token))?.plans).toEqual([
			{ name: 'Second plan', role: 'leader' },
			{ name: 'Test plan', role: 'editor' }
		]);
		expect((await listPendingInvites(db, workspaceId))[0].plans).toBe(
			'Second plan (leader), Test plan (editor)'
		);
		// Given a role on the second plan meanwhile, the invitee keeps it.
		await addMember(db, workspaceId, invitee.id, null);
		await setPlanRole(db, second, invitee.id, 'viewer');

		expect(await acceptInvite(db, token, invitee)).toEqual({ ok: true, workspaceId });
		expect(await getPlanAccess(db, invitee.id, planId)).toEqual({ role: 'editor', fn: null });
		expect((await getPlanAccess(db, invitee.id, second))?.role).toBe('viewer');
		expect((await listPlans(db, workspaceId, invitee.id)).map((p) => p.name).sort()).toEqual([
			'Second plan',
			'Test plan'
		]);
	});

	it('give roles only on plans of the workspace the inviter leads', async () => {
		const admin = await signedInUser(db, 'Ada Admin');
		const lead = await signedInUser(db, 'Lou Lead');
		const { workspaceId } = await planWithMembers(db, admin);
		const notLed = await createPlan(
			db,
			{ workspaceId, name: 'Lou plan', startMonth: '2027-01', horizon: 6, families: [] },
			lead.id
		);
		const elsewhere = await planWithMembers(db, admin);
		for (const planId of [notLed, elsewhere.planId]) {
			expect(
				await createInvite(db, {
					workspaceId,
					email: 'x@example.test',
					fn: null,
					invitedBy: admin.id,
					grants: [{ planId, role: 'viewer' }]
				})
			).toEqual({
				ok: false,
				error: 'You can give roles only on plans of this workspace you lead'
			});
		}
		expect(await listPendingInvites(db, workspaceId)).toEqual([]);
	});

	it('are accepted by signing up through the invite link, which lands on the workspace', async () => {
		const admin = await signedInUser(db, 'Ari Admin');
		const { workspaceId, planId } = await planWithMembers(db, admin);
		const email = `new.${Date.now()}@example.test`;
		const invited = await postAction(
			workspaceActions.invite,
			// No role sent: the function's default, editor.
			{ email, function: 'finance', plan: [planId] },
			{ path: `/w/${workspaceId}`, params: { workspace: workspaceId }, user: admin }
		);
		const link = (invited.data as { invite: { link: string } }).invite.link;
		const invitePath = new URL(link).pathname;

		const signUp = await postAction(
			signUpActions.default,
			{ name: 'Nina New', email, password: 'plan-together-2027' },
			{ path: `/signup?next=${encodeURIComponent(invitePath)}` }
		);
		expect(signUp).toMatchObject({ status: 303, location: `/w/${workspaceId}` });
		const [user] = await db.query<{ id: string }>(`select id from users where email = $1`, [email]);
		expect(await getPlanAccess(db, user.id, planId)).toEqual({ role: 'editor', fn: 'finance' });
	});

	it('refuse a role on a plan not led, and a role that does not exist, from a raw form post', async () => {
		const admin = await signedInUser(db, 'Abe Admin');
		const other = await signedInUser(db, 'Olga Other');
		const { workspaceId, planId } = await planWithMembers(db, admin);
		const elsewhere = await planWithMembers(db, other);
		const post = (fields: Record<string, string | string[]>) =>
			postAction(
				workspaceActions.invite,
				{ email: 'y@example.test', function: '', ...fields },
				{ path: `/w/${workspaceId}`, params: { workspace: workspaceId }, user: admin }
			);
		expect(await post({ plan: elsewhere.planId })).toMatchObject({
			status: 400,
			data: { invite: { error: 'You can give roles only on plans of this workspace you lead' } }
		});
		expect(await post({ plan: planId, [`role-${planId}`]: 'owner' })).toMatchObject({
			status: 400,
			data: { invite: { error: 'Choose viewer, editor or leader for each plan' } }
		});
		expect(await listPendingInvites(db, workspaceId)).toEqual([]);
	});

	it('are accepted on the way in only for an invite path, and never for another address', async () => {
		const admin = await signedInUser(db, 'Eve Admin');
		const { workspaceId } = await planWithMembers(db, admin);
		const invitee = await signedInUser(db, 'Ivo Invitee');
		const stranger = await signedInUser(db, 'Stan Stranger');
		const token = await inviteToken({
			workspaceId,
			email: invitee.email,
			fn: null,
			invitedBy: admin.id
		});
		expect(await landingAfterSignIn(db, '/plans/x', invitee)).toBe('/plans/x');
		expect(await landingAfterSignIn(db, `/invite/${token}`, stranger)).toBe(`/invite/${token}`);
		expect(await landingAfterSignIn(db, `/invite/${token}`, invitee)).toBe(`/w/${workspaceId}`);
		expect((await listMembers(db, workspaceId)).map((m) => m.name).sort()).toEqual([
			'Eve Admin',
			'Ivo Invitee'
		]);
	});
});

describe('the new-plan form', () => {
	const post = (user: TestUser, workspaceId: string, hierarchy: string) =>
		postAction(
			newPlanActions.default,
			{ name: 'Pasted plan', startMonth: '2027-01', horizon: '6', hierarchy },
			{ path: `/w/${workspaceId}/plans/new`, params: { workspace: workspaceId }, user }
		);

	it('reads a header row as column names and removes CSV quotes', async () => {
		const lead = await signedInUser(db, 'Paula Paste');
		const workspaceId = await createWorkspace(db, 'Paste', lead.id);
		const created = post(
			lead,
			workspaceId,
			'\uFEFFSKU,Family,Item name\r\nRB-1,Road bikes,Aero 56\r\nRB-2,Road bikes,"Aero 58, red"\r\nAC-1,"Accessories","Helmet"\r\nAC-2, Accessories, "Bell, brass"\r\n'
		);
		expect(await created).toMatchObject({ status: 303 });
		const [{ id }] = await db.query<{ id: string }>(
			`select id from plans where workspace_id = $1`,
			[workspaceId]
		);
		const { families, items } = await getHierarchy(db, id);
		expect(families.map((f) => f.name)).toEqual(['Road bikes', 'Accessories']);
		expect(items.map((i) => [i.sku, i.name])).toEqual([
			['RB-1', 'Aero 56'],
			['RB-2', 'Aero 58, red'],
			['AC-1', 'Helmet'],
			['AC-2', 'Bell, brass']
		]);
	});

	it('refuses a list with problems, naming their lines, and creates nothing', async () => {
		const lead = await signedInUser(db, 'Rita Refused');
		const workspaceId = await createWorkspace(db, 'Refused', lead.id);
		const refused = await post(
			lead,
			workspaceId,
			'Family;SKU;Item name\nBikes;B1;"Road; red"\nBikes;b1;Twin\nParts;;Chain'
		);
		expect(refused).toMatchObject({
			status: 400,
			data: {
				hierarchy: expect.stringContaining('Parts;;Chain'),
				error: 'Line 3: SKU b1 appears twice (first on line 2); Line 4: the SKU is missing'
			}
		});
		expect(await db.query(`select 1 from plans where workspace_id = $1`, [workspaceId])).toEqual(
			[]
		);
	});

	it('is closed to viewers: no admin, no function, no plan led', async () => {
		const lead = await signedInUser(db, 'Vera Lead');
		const viewer = await signedInUser(db, 'Vik Viewer');
		const { workspaceId } = await planWithMembers(db, lead, [
			{ user: viewer, fn: null, role: 'viewer' }
		]);
		expect(await post(viewer, workspaceId, 'Bikes, B1, Road')).toEqual({
			status: 403,
			error:
				'Only workspace admins, members with a function (sales, operations or finance) and plan leaders can create plans'
		});
	});
});

describe('plans', () => {
	it('creates the hierarchy in order, makes the creator leader, and tracks roles', async () => {
		const lead = await signedInUser(db, 'Lead');
		const other = await signedInUser(db, 'Other');
		const workspaceId = await createWorkspace(db, 'Plans', lead.id);
		const planId = await createPlan(
			db,
			{
				workspaceId,
				name: 'Q1',
				startMonth: '2027-01',
				horizon: 18,
				families: [
					{
						name: 'A',
						items: [
							{ sku: 'A1', name: 'a1' },
							{ sku: 'A2', name: 'a2' }
						]
					},
					{ name: 'B', items: [{ sku: 'B1', name: 'b1' }] }
				]
			},
			lead.id
		);
		const { families, items } = await getHierarchy(db, planId);
		expect(families.map((f) => f.name)).toEqual(['A', 'B']);
		expect(items.map((i) => i.sku)).toEqual(['A1', 'A2', 'B1']);
		expect(await getPlanAccess(db, lead.id, planId)).toEqual({ role: 'leader', fn: null });
		expect(await getPlanAccess(db, other.id, planId)).toBeNull();
		await addMember(db, workspaceId, other.id, null);
		await setPlanRole(db, planId, other.id, 'viewer');
		expect((await getPlanAccess(db, other.id, planId))?.role).toBe('viewer');
		await setPlanRole(db, planId, other.id, null);
		expect(await getPlanAccess(db, other.id, planId)).toBeNull();
	});

	it('creates a plan of 2,000 items in one go', async () => {
		const lead = await signedInUser(db, 'Big');
		const workspaceId = await createWorkspace(db, 'Big', lead.id);
		const families = sampleFamilies(20, 100);
		const planId = await createPlan(
			db,
			{ workspaceId, name: 'Big', startMonth: '2027-01', horizon: 36, families },
			lead.id
		);
		expect((await getHierarchy(db, planId)).items).toHaveLength(2000);
	});

	it('keeps a plan’s currency, EUR unless chosen, and refuses one that is not an ISO code', async () => {
		const lead = await signedInUser(db, 'Money');
		const workspaceId = await createWorkspace(db, 'Money', lead.id);
		const plan = { workspaceId, name: 'M', startMonth: '2027-01', horizon: 3, families: [] };
		const euros = await createPlan(db, plan, lead.id);
		const francs = await createPlan(db, { ...plan, currency: 'CHF' }, lead.id);
		expect((await getPlan(db, euros))?.currency).toBe('EUR');
		expect((await getPlan(db, francs))?.currency).toBe('CHF');
		await expect(createPlan(db, { ...plan, currency: 'euro' }, lead.id)).rejects.toThrow();
	});
});

describe('demo data', () => {
	it('is created on an empty database only', { timeout: 60_000 }, async () => {
		const fresh = await openTestDb();
		try {
			expect(await seedDemoIfEmpty(fresh)).toBe(true);
			expect(await seedDemoIfEmpty(fresh)).toBe(false);
			// Written through the server-write door: one logged update per step of each plan, by the seed.
			const updates = await fresh.query<{ doc: string; source: string }>(
				`select doc, source from yjs_updates order by doc`
			);
			expect(updates.every((u) => u.source === 'seed')).toBe(true);
			const plans = await fresh.query<{ id: string }>(`select id from plans`);
			expect(updates.map((u) => u.doc).sort()).toEqual(
				plans.flatMap((p) => [1, 2, 3].map((step) => `plan/${p.id}/step/${step}`)).sort()
			);
		} finally {
			await fresh.dispose();
		}
	});

	it(
		'has sales history and lead times, so its leader can refresh the baseline and see safety stock',
		{
			timeout: 120_000
		},
		async () => {
			const fresh = await openTestDb();
			try {
				await seedDemoIfEmpty(fresh);
				const [{ id: planId }] = await fresh.query<{ id: string }>(
					`select id from plans where name = 'S&OP cycle (demo)'`
				);
				const [{ id: leaderId }] = await fresh.query<{ id: string }>(
					`select id from users where email = 'lee@demo.concord'`
				);
				const { figures, periods, items, families } = await readPlanFigures(fresh, planId);
				// Road bikes run near their capacity (97 %), the other families well inside it.
				const busiest = families.map((f) => Math.max(...figures.family(f.id).utilisation));
				expect(busiest[0]).toBeCloseTo(0.97, 2);
				for (const u of busiest.slice(1)) expect(u).toBeLessThan(0.9);
				const history = await fresh.query<{ sku: string; month: string; quantity: number }>(
					`select sku, month, quantity from sales_history order by sku, month`
				);
				// Four years before the plan and its three months of actual sales, the grid's own.
				expect(history).toHaveLength(items.length * 51);
				for (const item of items) {
					const sold = history.filter((h) => h.sku === item.sku);
					expect(sold.filter((h) => h.month < periods[0])).toHaveLength(48);
					const actual = Array.from(figures.item(item.id).actual.slice(0, 3));
					expect(sold.slice(48).map((h) => Number(h.quantity))).toEqual(actual);
				}

				const plan = (await getPlan(fresh, planId))!;
				const access = { role: 'leader', fn: null } as const;
				const result = await refreshBaseline(fresh, plan, { userId: leaderId, access });
				expect(result).toMatchObject({ items: items.length, withoutHistory: 0 });
				// Each item's new baseline follows the bikes' yearly season, not a flat line.
				const refreshed = (await readPlanFigures(fresh, planId)).figures;
				for (const item of items) {
					const baseline = Array.from(refreshed.item(item.id).baseline.slice(0, 12));
					expect(Math.min(...baseline)).toBeLessThan(0.8 * Math.max(...baseline));
				}

				const view = await safetyStockView(fresh, planId);
				expect(view.refreshed).toBe(true);
				for (const item of view.items) {
					expect(item.leadTimeDays).toBeGreaterThan(0);
					expect(item.sigma).toBeGreaterThan(0);
				}
			} finally {
				await fresh.dispose();
			}
		}
	);

	it(
		'follows an approved cycle whose forecasts Forecast value add scores against the sales since',
		{ timeout: 60_000 },
		async () => {
			const fresh = await openTestDb();
			try {
				await seedDemoIfEmpty(fresh);
				const plans = await fresh.query<{
					id: string;
					name: string;
					start_month: string;
					previous_plan_id: string | null;
				}>(`select id, name, start_month, previous_plan_id from plans order by start_month`);
				expect(plans.map((p) => p.name)).toEqual([
					'S&OP cycle, last quarter (demo)',
					'S&OP cycle (demo)'
				]);
				const [previous, current] = plans;
				expect(current.previous_plan_id).toBe(previous.id);

				// Every step signed off by its functions and locked; the plan approved as version 1.
				const view = await readCycleView(fresh, previous.id);
				expect(view.steps.every((s) => s.lockedAt !== null)).toBe(true);
				expect(view.steps.every((s) => missingSigners(s).length === 0)).toBe(true);
				expect((await listVersions(fresh, previous.id)).map((v) => v.number)).toEqual([1]);
				// Approved when its cycle ran, not when the demo was made.
				const [version] = await listVersions(fresh, previous.id);
				expect(version.approvedAt.slice(0, 7) < current.start_month).toBe(true);

				// Its forecasts are scored for the three months before the current cycle and its
				// three months of actual sales, for every item.
				const report = await accuracyReport(fresh, current.id);
				expect(report.versions).toEqual([
					expect.objectContaining({ planId: previous.id, number: 1 })
				]);
				const { items } = await getHierarchy(fresh, current.id);
				const scores = report.table.plan.scores;
				for (const kind of ['baseline', 'forecast', 'consensus'] as const) {
					expect(scores[kind].months).toBe(items.length * 6);
				}
				// The demo's story: the sales forecast's optimism costs accuracy, the consensus wins
				// part of it back.
				const gain = (to: string) => report.table.plan.gains.find((g) => g.to === to)?.wapeGain;
				expect(gain('forecast')).toBeLessThan(0);
				expect(gain('consensus')).toBeGreaterThan(0);
				// Once the demo plan is approved, its version page offers last quarter's to compare.
				const [{ id: samId }] = await fresh.query<{ id: string }>(
					`select id from users where email = 'sam@demo.concord'`
				);
				expect(await previousCycleVersion(fresh, samId, current.id)).toMatchObject({
					planId: previous.id,
					number: 1
				});
			} finally {
				await fresh.dispose();
			}
		}
	);
});
