import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { sampleFamilies, signedInUser } from '../helpers/fixtures.ts';
import { acceptInvite, createInvite, findInvite } from '../../src/lib/server/invites.ts';
import { getPlanAccess } from '../../src/lib/server/access.ts';
import { createPlan, getHierarchy, getPlan, setPlanRole } from '../../src/lib/server/plans.ts';
import { addMember, createWorkspace, listMembers } from '../../src/lib/server/workspaces.ts';
import { seedDemoIfEmpty } from '../../src/lib/server/seed.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => (db = await openTestDb()));
afterAll(() => db.dispose());

describe('invites', () => {
	it('joins the invited person with their function, once', async () => {
		const admin = await signedInUser(db, 'Admin');
		const workspaceId = await createWorkspace(db, 'Acme', admin.id);
		const invitee = await signedInUser(db, 'Invitee');
		const [{ email }] = await db.query<{ email: string }>(`select email from users where id = $1`, [
			invitee.id
		]);
		const token = await createInvite(db, {
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
			// Written through the server-write door: one logged update per step, by the seed.
			const updates = await fresh.query<{ doc: string; source: string }>(
				`select doc, source from yjs_updates order by doc`
			);
			expect(updates.every((u) => u.source === 'seed')).toBe(true);
			expect(updates.map((u) => u.doc.replace(/plan\/\w+\//, ''))).toEqual([
				'step/1',
				'step/2',
				'step/3'
			]);
		} finally {
			await fresh.dispose();
		}
	});
});
