import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { planWithMembers, signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { recordVisit } from '../../src/lib/server/cell-history.ts';
import { mergeChanges, type ChangesView } from '../../src/lib/domain/cell-history.ts';
import { startThread } from '../../src/lib/server/comments.ts';
import * as historyRoute from '../../src/routes/plans/[plan]/history/+server.ts';
import * as changesRoute from '../../src/routes/plans/[plan]/changes/+server.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let lee: TestUser;
let outsider: TestUser;
let planId: string;
let itemId: string;

beforeAll(async () => {
	db = await openTestDb();
	// The routes use the process database.
	setDb(db);
	lee = await signedInUser(db, 'Lee Leader');
	outsider = await signedInUser(db, 'Oscar Outsider');
	({ planId, itemId } = await planWithMembers(db, lee));
	// Two changes of one cell, as the collaboration server records them, an hour apart.
	await db.query(
		`insert into cell_edits (plan_id, step, owner_id, measure, period, old_value, new_value,
		                         user_id, kind, edit_cells, at)
		 values ($1, 1, $2, 'forecast', '2027-03', null, 10, $3, 'import', 40, now() - interval '1 hour'),
		        ($1, 1, $2, 'forecast', '2027-03', 10, 12, $3, 'typed', 1, now())`,
		[planId, itemId, lee.id]
	);
	await startThread(db, {
		planId,
		userId: lee.id,
		target: { ownerId: itemId, measureId: 'forecast', period: '2027-03' },
		body: 'Why 12?'
	});
});
afterAll(() => db.dispose());

/** A GET as SvelteKit hands it to a route, from a signed-in user (or nobody). */
function get(route: 'history' | 'changes', user: TestUser | null, query: string, plan = planId) {
	const url = new URL(`http://concord.test/plans/${plan}/${route}?${query}`);
	const locals = {
		user: user && { id: user.id, name: user.name, email: 'x@example.test', color: '#000' },
		session: null
	};
	const event = { locals, params: { plan }, url, request: new Request(url) } as never;
	return route === 'history' ? historyRoute.GET(event) : changesRoute.GET(event);
}

const cellQuery = () => `owner=${itemId}&measure=forecast&period=2027-03`;

describe('cell history endpoint', () => {
	it("answers a member with the cell's changes, newest first, and its comment threads", async () => {
		const res = await get('history', lee, cellQuery());
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.total).toBe(2);
		expect(
			body.edits.map((e: Record<string, unknown>) => [
				e.userName,
				e.old,
				e.new,
				e.kind,
				e.editCells
			])
		).toEqual([
			['Lee Leader', 10, 12, 'typed', 1],
			['Lee Leader', null, 10, 'import', 40]
		]);
		expect(body.threads).toHaveLength(1);
		expect(body.threads[0].comments[0].body).toBe('Why 12?');
	});

	it('refuses non-members, the signed-out and unknown plans without telling them apart', async () => {
		for (const [user, plan] of [
			[outsider, planId],
			[lee, 'nosuchplan']
		] as const) {
			const res = await get('history', user, cellQuery(), plan);
			expect(res.status).toBe(404);
			expect(await res.json()).toEqual({ error: 'No such plan, or you have no access to it.' });
		}
		const signedOut = await get('history', null, cellQuery());
		expect(signedOut.status).toBe(401);
	});

	it('refuses bad parameters with a clear message', async () => {
		const cases: [string, RegExp][] = [
			[`measure=forecast&period=2027-03`, /owner/],
			[`owner=${itemId}&measure=inventory&period=2027-03`, /computed measures have no history/],
			[`owner=${itemId}&measure=forecast&period=2027-13`, /YYYY-MM/],
			[`owner=../x&measure=forecast&period=2027-03`, /owner/],
			[`owner=${itemId}&period=2027-03`, /measure/]
		];
		for (const [query, message] of cases) {
			const res = await get('history', lee, query);
			expect(res.status, query).toBe(400);
			expect((await res.json()).error).toMatch(message);
		}
	});
});

describe('changes since endpoint', () => {
	it('lists the cells changed after a moment, with how often and by whom last', async () => {
		const since = new Date(Date.now() - 2 * 3600_000).toISOString();
		const res = await get('changes', lee, `since=${encodeURIComponent(since)}`);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({
			total: 1,
			cells: [
				{
					ownerId: itemId,
					measureId: 'forecast',
					period: '2027-03',
					edits: 2,
					lastUserName: 'Lee Leader'
				}
			]
		});
		const recent = new Date(Date.now() - 30 * 60_000).toISOString();
		const later = await (await get('changes', lee, `since=${encodeURIComponent(recent)}`)).json();
		expect(later.cells[0].edits).toBe(1);
	});

	it('with after=<lastId>, reads only what was recorded after, and merges into the same list', async () => {
		const since = encodeURIComponent(new Date(Date.now() - 2 * 3600_000).toISOString());
		const whole: ChangesView = await (await get('changes', lee, `since=${since}`)).json();
		expect(whole.lastId).toBeGreaterThan(0);
		const none: ChangesView = await (
			await get('changes', lee, `since=${since}&after=${whole.lastId}`)
		).json();
		expect(none).toMatchObject({ total: 0, cells: [], lastId: whole.lastId });

		// Someone edits the same cell again and another one for the first time.
		await db.query(
			`insert into cell_edits (plan_id, step, owner_id, measure, period, old_value, new_value,
			                         user_id, kind, edit_cells)
			 values ($1, 1, $2, 'forecast', '2027-03', 12, 13, $3, 'typed', 1),
			        ($1, 1, $2, 'forecast', '2027-04', null, 5, $3, 'typed', 1)`,
			[planId, itemId, lee.id]
		);
		const newer: ChangesView = await (
			await get('changes', lee, `since=${since}&after=${whole.lastId}`)
		).json();
		expect(newer.cells.map((c) => [c.period, c.edits])).toEqual([
			['2027-04', 1],
			['2027-03', 1]
		]);
		const merged = mergeChanges(whole, newer)!;
		const again: ChangesView = await (await get('changes', lee, `since=${since}`)).json();
		expect(merged).toEqual(again);
		await db.query(`delete from cell_edits where plan_id = $1 and id > $2`, [planId, whole.lastId]);
	});

	it('refuses a missing or malformed time or edit number, and non-members', async () => {
		for (const query of [
			'since=2027-01-01T00:00:00Z&after=-1',
			'since=2027-01-01T00:00:00Z&after=x'
		]) {
			const res = await get('changes', lee, query);
			expect(res.status, query).toBe(400);
			expect((await res.json()).error).toMatch(/number of the last edit/);
		}
		for (const query of ['', 'since=yesterday', 'since=2027-01-01']) {
			const res = await get('changes', lee, query);
			expect(res.status, query).toBe(400);
			expect((await res.json()).error).toMatch(/ISO date and time/);
		}
		const res = await get('changes', outsider, `since=2027-01-01T00:00:00Z`);
		expect(res.status).toBe(404);
	});
});

describe('plan visits', () => {
	it('remembers the previous visit, and a reload within the hour stays the same visit', async () => {
		const sam = await signedInUser(db, 'Sam Sales');
		expect((await recordVisit(db, planId, sam.id)).lastVisit).toBeNull();
		expect((await recordVisit(db, planId, sam.id)).lastVisit).toBeNull();
		await db.query(
			`update plan_visits set last_seen_at = now() - interval '3 hours' where user_id = $1`,
			[sam.id]
		);
		const [{ at }] = await db.query<{ at: Date }>(
			`select last_seen_at as at from plan_visits where user_id = $1`,
			[sam.id]
		);
		const visit = await recordVisit(db, planId, sam.id);
		expect(visit.lastVisit).toBe(new Date(at).toISOString());
		expect(visit.rolled).toBe(false);
		expect((await recordVisit(db, planId, sam.id)).lastVisit).toBe(visit.lastVisit);
	});
});
