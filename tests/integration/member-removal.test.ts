import { describe, expect, it } from 'vitest';
import { planWithMembers, signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { postAction } from '../helpers/actions.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { registerCollab } from '../../src/lib/server/collab-bridge.ts';
import { getPlanAccess } from '../../src/lib/server/access.ts';
import { createPlan, setPlanRole } from '../../src/lib/server/plans.ts';
import { listMembers } from '../../src/lib/server/workspaces.ts';
import { actions as workspaceActions } from '../../src/routes/w/[workspace]/+page.server.ts';
import {
	collabSuite,
	connectPeer,
	synced,
	upgradeStatus,
	waitFor,
	type Peer
} from './collab/harness.ts';

const s = collabSuite(async (db) => {
	// The page actions reach this database and this collaboration server, as in the app.
	setDb(db);
	const admin = await signedInUser(db, 'Ada Admin');
	const member = await signedInUser(db, 'Rex Removed');
	const other = await signedInUser(db, 'Oli Other');
	const members = [member, other].map((user) => ({
		user,
		fn: 'sales' as const,
		role: 'editor' as const
	}));
	const { workspaceId, planId } = await planWithMembers(db, admin, members);
	const secondPlanId = await createPlan(
		db,
		{
			workspaceId,
			name: 'Second plan',
			startMonth: '2027-01',
			horizon: 6,
			families: [{ name: 'Parts', items: [{ sku: 'P-1', name: 'Chain' }] }]
		},
		admin.id
	);
	for (const user of [member, other]) await setPlanRole(db, secondPlanId, user.id, 'editor');
	return { admin, member, other, workspaceId, planIds: [planId, secondPlanId] };
});

const remove = (by: TestUser, userId: string) =>
	postAction(
		workspaceActions.removeMember,
		{ userId },
		{
			path: `/w/${s.workspaceId}?/removeMember`,
			params: { workspace: s.workspaceId },
			user: by
		}
	);

describe('removing a workspace member', () => {
	it('ends their roles and closes their open plans at once, and only theirs', async () => {
		registerCollab(s.h.collab);
		const open = (user: TestUser): Promise<Peer[]> =>
			Promise.all(
				s.planIds.flatMap((planId) =>
					[`plan/${planId}/step/1`, `plan/${planId}/meta`].map((doc) =>
						synced(connectPeer(s.h, doc, user))
					)
				)
			);
		const removed = await open(s.member);
		const stays = await open(s.other);

		expect(await remove(s.other, s.member.id)).toMatchObject({ status: 403 });
		expect(await remove(s.admin, s.admin.id)).toMatchObject({
			status: 400,
			data: { member: { error: 'You cannot remove yourself; ask another admin' } }
		});
		expect(await remove(s.admin, s.member.id)).toMatchObject({
			status: 200,
			data: { member: { removed: s.member.id } }
		});

		for (const peer of removed)
			await waitFor(() => peer.closes.some((c) => c.code === 4403), 'removed member closed');
		expect(stays.every((peer) => peer.provider.wsconnected)).toBe(true);
		expect((await listMembers(s.db, s.workspaceId)).map((m) => m.user_id)).not.toContain(
			s.member.id
		);
		for (const planId of s.planIds) {
			expect(await getPlanAccess(s.db, s.member.id, planId)).toBeNull();
			expect(
				await upgradeStatus(`${s.h.url}/plan/${planId}/meta`, {
					cookie: s.member.cookie,
					origin: s.h.origin
				})
			).toBe(403);
		}
		registerCollab(undefined);
	});

	it('a plan role left without workspace membership grants nothing', async () => {
		const stray = await signedInUser(s.db, 'Sid Stray');
		const [planId] = s.planIds;
		await s.db.query(
			`insert into workspace_members (workspace_id, user_id, function) values ($1, $2, 'sales')`,
			[s.workspaceId, stray.id]
		);
		await setPlanRole(s.db, planId, stray.id, 'editor');
		const url = `${s.h.url}/plan/${planId}/step/1`;
		expect(await upgradeStatus(url, { cookie: stray.cookie, origin: s.h.origin })).toBe(101);

		// Left behind by an older version, or written by hand: the role row stays, the membership goes.
		await s.db.query(`delete from workspace_members where workspace_id = $1 and user_id = $2`, [
			s.workspaceId,
			stray.id
		]);
		expect(await getPlanAccess(s.db, stray.id, planId)).toBeNull();
		expect(await upgradeStatus(url, { cookie: stray.cookie, origin: s.h.origin })).toBe(403);
	});
});
