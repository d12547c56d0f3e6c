import { describe, expect, it } from 'vitest';
import { planWithMembers, signedInUser, type TestUser } from '../../helpers/fixtures.ts';
import { invalidateSession } from '../../../src/lib/server/auth/session.ts';
import { setPlanRole } from '../../../src/lib/server/plans.ts';
import { collabSuite, connectPeer, logCount, sleep, synced, waitFor } from './harness.ts';

const s = collabSuite(
	async (db) => {
		const leader = await signedInUser(db, 'Lena Leader');
		const { planId, itemId: item } = await planWithMembers(db, leader);
		return { leader, planId, item };
	},
	{ flushIntervalMs: 20 }
);

async function member(name: string, role: 'viewer' | 'editor'): Promise<TestUser> {
	const user = await signedInUser(s.db, name);
	const { workspaceId } = (
		await s.db.query<{ workspaceId: string }>(
			`select workspace_id as "workspaceId" from plans where id = $1`,
			[s.planId]
		)
	)[0];
	await s.db.query(
		`insert into workspace_members (workspace_id, user_id, function) values ($1, $2, 'sales')`,
		[workspaceId, user.id]
	);
	await setPlanRole(s.db, s.planId, user.id, role);
	return user;
}

describe('collab refreshAccess', () => {
	it("closes a removed member's connections with 4403 and keeps the others", async () => {
		const removed = await member('Rita Removed', 'editor');
		const doc = `plan/${s.planId}/step/1`;
		const gone = await synced(connectPeer(s.h, doc, removed));
		const goneMeta = await synced(connectPeer(s.h, `plan/${s.planId}/meta`, removed));
		const stays = await synced(connectPeer(s.h, doc, s.leader));
		let closedFor: { code: number; reason: string } | null = null;
		gone.provider.on('closed', (event) => (closedFor = event));

		await setPlanRole(s.db, s.planId, removed.id, null);
		await s.h.collab.refreshAccess(s.planId);

		await waitFor(() => closedFor !== null, 'closed event');
		expect(closedFor).toEqual({ code: 4403, reason: 'access revoked' });
		await waitFor(() => goneMeta.closes.some((c) => c.code === 4403), 'meta closed');
		await sleep(300);
		// No reconnect after a 44xx close.
		expect(gone.provider.wsconnected).toBe(false);
		expect(stays.provider.wsconnected).toBe(true);
		stays.cells.set(`${s.item}:2027-01:forecast`, 1);
		await waitFor(async () => (await logCount(s.db, doc)) >= 1, 'leader edit still saved');
	});

	it('makes a connection read-only when its member is demoted to viewer', async () => {
		const demoted = await member('Dan Demoted', 'editor');
		const doc = `plan/${s.planId}/step/1`;
		const editor = await synced(connectPeer(s.h, doc, demoted));
		const watcher = await synced(connectPeer(s.h, doc, s.leader));
		editor.cells.set(`${s.item}:2027-02:forecast`, 2);
		await waitFor(() => watcher.cells.get(`${s.item}:2027-02:forecast`) === 2, 'edit as editor');

		await setPlanRole(s.db, s.planId, demoted.id, 'viewer');
		await s.h.collab.refreshAccess(s.planId);
		editor.cells.set(`${s.item}:2027-03:forecast`, 3);
		await sleep(200);
		expect(watcher.cells.has(`${s.item}:2027-03:forecast`)).toBe(false);
		expect(editor.provider.wsconnected).toBe(true);
	});

	it('closes connections whose session has ended', async () => {
		const leaving = await member('Lou Logout', 'viewer');
		const peer = await synced(connectPeer(s.h, `plan/${s.planId}/meta`, leaving));
		const other = await synced(connectPeer(s.h, `plan/${s.planId}/meta`, s.leader));
		const [{ id }] = await s.db.query<{ id: string }>(
			`select id from sessions where user_id = $1`,
			[leaving.id]
		);
		await invalidateSession(s.db, id);
		await s.h.collab.refreshAccess(s.planId);
		await waitFor(() => peer.closes.some((c) => c.code === 4403), 'closed');
		expect(other.provider.wsconnected).toBe(true);
		expect(other.closes).toEqual([]);
	});

	it('closes a signed-out session on every plan when asked to re-check all connections', async () => {
		const leaving = await member('Sid Signout', 'editor');
		const { planId: otherPlan } = await planWithMembers(s.db, s.leader, [
			{ user: leaving, fn: 'sales', role: 'viewer' }
		]);
		const here = await synced(connectPeer(s.h, `plan/${s.planId}/meta`, leaving));
		const there = await synced(connectPeer(s.h, `plan/${otherPlan}/meta`, leaving));
		const other = await synced(connectPeer(s.h, `plan/${s.planId}/meta`, s.leader));
		const [{ id }] = await s.db.query<{ id: string }>(
			`select id from sessions where user_id = $1`,
			[leaving.id]
		);
		await invalidateSession(s.db, id);
		await s.h.collab.refreshAccess();
		await waitFor(() => !here.provider.wsconnected && !there.provider.wsconnected, 'both closed');
		expect(other.provider.wsconnected).toBe(true);
	});
});
