import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { planWithMembers, signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { registerCollab } from '../../src/lib/server/collab-bridge.ts';
import * as comments from '../../src/lib/server/comments.ts';
import { listThreads, setViewersCanComment } from '../../src/lib/server/comments.ts';
import { isRefusal } from '../../src/lib/server/refusal.ts';
import { getHierarchy } from '../../src/lib/server/plans.ts';
import { addMember } from '../../src/lib/server/workspaces.ts';
import * as threadsRoute from '../../src/routes/plans/[plan]/comments/+server.ts';
import * as threadRoute from '../../src/routes/plans/[plan]/comments/[thread]/+server.ts';
import * as commentRoute from '../../src/routes/plans/[plan]/comments/[thread]/[comment]/+server.ts';
import { actions as memberActions } from '../../src/routes/plans/[plan]/members/+page.server.ts';

/** A service's answer or its refusal as one value, so a test compares either with toEqual. */
function outcomeOf<A extends unknown[], T>(service: (...args: A) => Promise<T>) {
	return async (...args: A) => {
		try {
			return { ok: true as const, value: await service(...args) };
		} catch (error) {
			if (!isRefusal(error)) throw error;
			return { ok: false as const, status: error.status, error: error.message };
		}
	};
}
const startThread = outcomeOf(comments.startThread);
const replyToThread = outcomeOf(comments.replyToThread);
const editComment = outcomeOf(comments.editComment);
const deleteComment = outcomeOf(comments.deleteComment);
const setThreadResolved = outcomeOf(comments.setThreadResolved);
const markThreadRead = outcomeOf(comments.markThreadRead);
const loadBoard = outcomeOf(comments.loadBoard);

let db: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => {
	db = await openTestDb();
	// The routes use the process database.
	setDb(db);
});
afterAll(() => db.dispose());

/** What the collaboration server was told: the live notices the routes send. */
const notices: [string, string][] = [];
beforeAll(() =>
	registerCollab({
		refreshAccess: async () => {},
		notify: (planId, topic) => void notices.push([planId, topic]),
		cycleChange: (_planId, change) => change(),
		write: () => Promise.reject(new Error('comments never change plan values')),
		writePlan: () => Promise.reject(new Error('comments never change plan values')),
		scenarioOp: () => Promise.reject(new Error('comments never change scenarios')),
		firstScreen: async () => null
	})
);
afterAll(() => registerCollab(undefined));
afterEach(() => void notices.splice(0));

interface Team {
	planId: string;
	workspaceId: string;
	itemId: string;
	familyId: string;
	lee: TestUser;
	sam: TestUser;
	vic: TestUser;
	outsider: TestUser;
}

async function team(): Promise<Team> {
	const lee = await signedInUser(db, 'Lee Leader');
	const sam = await signedInUser(db, 'Sam Sales');
	const vic = await signedInUser(db, 'Vic Viewer');
	const outsider = await signedInUser(db, 'Otto Outsider');
	const { planId, workspaceId } = await planWithMembers(db, lee, [
		{ user: sam, fn: 'sales', role: 'editor' },
		{ user: vic, fn: null, role: 'viewer' }
	]);
	const { items, families } = await getHierarchy(db, planId);
	return {
		planId,
		workspaceId,
		itemId: items[0].id,
		familyId: families[0].id,
		lee,
		sam,
		vic,
		outsider
	};
}

const cell = (t: Team, measureId = 'forecast', period = '2027-02') => ({
	ownerId: t.itemId,
	measureId,
	period
});

async function commentCount(planId: string): Promise<number> {
	const [{ n }] = await db.query<{ n: string | number }>(
		`select count(*) as n from comments c join comment_threads t on t.id = c.thread_id
		 where t.plan_id = $1`,
		[planId]
	);
	return Number(n);
}

async function thread(t: Team, by: TestUser, body = 'Why does February jump?') {
	const started = await startThread(db, {
		planId: t.planId,
		userId: by.id,
		target: cell(t),
		body
	});
	if (!started.ok) throw new Error(started.error);
	return started.value;
}

/** A request event as SvelteKit hands it to a route, from a signed-in user (or nobody). */
function event(
	user: TestUser | null,
	params: Record<string, string>,
	init: { method: string; body?: unknown; headers?: Record<string, string> }
) {
	const url = new URL(`http://concord.test/plans/${params.plan}/comments`);
	const request = new Request(url, {
		method: init.method,
		headers: { 'content-type': 'application/json', origin: url.origin, ...init.headers },
		body: init.body === undefined ? undefined : JSON.stringify(init.body)
	});
	const locals = {
		user: user && { id: user.id, name: user.name, email: 'x@example.test', color: '#000' },
		session: null
	};
	// The handlers read only these fields of the event.
	return { locals, params, url, request } as never;
}

describe('authorship', () => {
	it('is the signed-in user, whatever author the request names', async () => {
		const t = await team();
		const res = await threadsRoute.POST(
			event(
				t.sam,
				{ plan: t.planId },
				{
					method: 'POST',
					body: {
						...cell(t),
						body: 'Posted as Sam',
						authorId: t.lee.id,
						author_id: t.lee.id,
						userId: t.lee.id,
						createdBy: t.lee.id
					}
				}
			)
		);
		expect(res.status).toBe(201);
		const { threadId } = await res.json();

		const reply = await threadRoute.POST(
			event(
				t.vic,
				{ plan: t.planId, thread: threadId },
				{
					method: 'POST',
					body: { body: 'Reply as Vic', authorId: t.lee.id }
				}
			)
		);
		expect(reply.status).toBe(201);

		const [stored] = await listThreads(db, t.planId);
		expect(stored.createdBy).toBe(t.sam.id);
		expect(stored.comments.map((c) => [c.authorId, c.authorName, c.body])).toEqual([
			[t.sam.id, 'Sam Sales', 'Posted as Sam'],
			[t.vic.id, 'Vic Viewer', 'Reply as Vic']
		]);
		// Every open browser of the plan is told, once per change.
		expect(notices).toEqual([
			[t.planId, 'comments'],
			[t.planId, 'comments']
		]);
	});

	it('refuses a signed-out request, a cross-site one and one that is not JSON', async () => {
		const t = await team();
		const signedOut = await threadsRoute.POST(
			event(null, { plan: t.planId }, { method: 'POST', body: { ...cell(t), body: 'hi' } })
		);
		expect(signedOut.status).toBe(401);
		expect((await signedOut.json()).error).toBe(
			'Your session has ended. Sign in again to comment.'
		);

		const crossSite = await threadsRoute.POST(
			event(
				t.sam,
				{ plan: t.planId },
				{
					method: 'POST',
					body: { ...cell(t), body: 'hi' },
					headers: { origin: 'https://evil.example' }
				}
			)
		);
		expect(crossSite.status).toBe(403);

		const form = await threadsRoute.POST(
			event(
				t.sam,
				{ plan: t.planId },
				{
					method: 'POST',
					body: { ...cell(t), body: 'hi' },
					headers: { 'content-type': 'text/plain' }
				}
			)
		);
		expect(form.status).toBe(415);

		expect(await commentCount(t.planId)).toBe(0);
		expect(notices).toEqual([]);
	});
});

describe('editing and deleting', () => {
	it('are for the author only', async () => {
		const t = await team();
		const { threadId, commentId } = await thread(t, t.sam);
		const ref = { planId: t.planId, threadId, commentId };

		expect(await editComment(db, { ...ref, userId: t.lee.id, body: 'Hijacked' })).toEqual({
			ok: false,
			status: 403,
			error: 'You can only edit your own comments.'
		});
		expect(await deleteComment(db, { ...ref, userId: t.lee.id })).toEqual({
			ok: false,
			status: 403,
			error: 'You can only delete your own comments.'
		});
		// Through the route too, whoever the request claims to be.
		const res = await commentRoute.PATCH(
			event(
				t.lee,
				{ plan: t.planId, thread: threadId, comment: commentId },
				{
					method: 'PATCH',
					body: { body: 'Hijacked', authorId: t.sam.id }
				}
			)
		);
		expect(res.status).toBe(403);
		expect((await listThreads(db, t.planId))[0].comments[0]).toMatchObject({
			body: 'Why does February jump?',
			editedAt: null
		});

		expect(
			(await editComment(db, { ...ref, userId: t.sam.id, body: 'Why does March jump?' })).ok
		).toBe(true);
		const [edited] = (await listThreads(db, t.planId))[0].comments;
		expect(edited.body).toBe('Why does March jump?');
		expect(edited.editedAt).not.toBeNull();
	});

	it('removes a thread with its last comment, and keeps it while replies remain', async () => {
		const t = await team();
		const first = await thread(t, t.sam);
		const reply = await replyToThread(db, {
			planId: t.planId,
			userId: t.lee.id,
			threadId: first.threadId,
			body: 'Promotion in week 6.'
		});
		if (!reply.ok) throw new Error(reply.error);

		const res = await commentRoute.DELETE(
			event(
				t.sam,
				{ plan: t.planId, thread: first.threadId, comment: first.commentId },
				{
					method: 'DELETE'
				}
			)
		);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ threadDeleted: false });
		expect((await listThreads(db, t.planId))[0].comments.map((c) => c.body)).toEqual([
			'Promotion in week 6.'
		]);

		const last = await deleteComment(db, {
			planId: t.planId,
			threadId: first.threadId,
			commentId: reply.value.commentId,
			userId: t.lee.id
		});
		expect(last).toEqual({ ok: true, value: { threadDeleted: true } });
		expect(await listThreads(db, t.planId)).toEqual([]);
	});

	it('does not reach a comment through another plan', async () => {
		const t = await team();
		const other = await team();
		const { threadId, commentId } = await thread(t, t.sam);
		expect(
			await deleteComment(db, { planId: other.planId, threadId, commentId, userId: t.sam.id })
		).toMatchObject({ ok: false, status: 404 });
		expect(await commentCount(t.planId)).toBe(1);
	});
});

describe('viewers', () => {
	it('may comment by default, and get a clear refusal once a leader turns it off', async () => {
		const t = await team();
		const { threadId } = await thread(t, t.vic, 'Viewer question');
		expect((await loadBoard(db, t.planId, t.vic.id)).ok && true).toBe(true);

		await setViewersCanComment(db, t.planId, false);
		const refused = {
			ok: false,
			status: 403,
			error: "The plan's leaders have turned off comments from viewers."
		};
		expect(
			await startThread(db, { planId: t.planId, userId: t.vic.id, target: cell(t), body: 'Again' })
		).toEqual(refused);
		expect(
			await replyToThread(db, { planId: t.planId, userId: t.vic.id, threadId, body: 'More' })
		).toEqual(refused);
		expect(
			await setThreadResolved(db, { planId: t.planId, userId: t.vic.id, threadId, resolved: true })
		).toEqual(refused);
		const res = await threadRoute.POST(
			event(t.vic, { plan: t.planId, thread: threadId }, { method: 'POST', body: { body: 'More' } })
		);
		expect(res.status).toBe(403);
		expect((await res.json()).error).toBe(refused.error);
		expect(await commentCount(t.planId)).toBe(1);

		// They still read along, and editors still write.
		const board = await loadBoard(db, t.planId, t.vic.id);
		expect(board.ok && board.value.canComment).toBe(false);
		expect(board.ok && board.value.threads).toHaveLength(1);
		expect(
			(await replyToThread(db, { planId: t.planId, userId: t.sam.id, threadId, body: 'Sure' })).ok
		).toBe(true);
	});

	it('are allowed or stopped by the plan leader alone, on the People page', async () => {
		const t = await team();
		const form = (allowed: boolean) => {
			const data = new FormData();
			if (allowed) data.set('viewersCanComment', 'on');
			return data;
		};
		const submit = (user: TestUser, data: FormData) =>
			memberActions.commentSettings({
				locals: { user: { ...user, email: 'x@example.test', color: '#000' }, session: null },
				params: { plan: t.planId },
				url: new URL(`http://concord.test/plans/${t.planId}/members`),
				request: new Request('http://concord.test', { method: 'POST', body: data })
			} as never);

		expect(await submit(t.sam, form(false))).toMatchObject({
			status: 403,
			data: { error: 'Only plan leaders can change who may comment.' }
		});
		expect((await loadBoard(db, t.planId, t.vic.id)).ok).toBe(true);
		expect(
			(await startThread(db, { planId: t.planId, userId: t.vic.id, target: cell(t), body: 'ok' }))
				.ok
		).toBe(true);

		expect(await submit(t.lee, form(false))).toEqual({ commentsSaved: true });
		expect(notices).toContainEqual([t.planId, 'comments']);
		const board = await loadBoard(db, t.planId, t.vic.id);
		expect(board.ok && board.value.viewersCanComment).toBe(false);

		await submit(t.lee, form(true));
		const again = await loadBoard(db, t.planId, t.vic.id);
		expect(again.ok && again.value.canComment).toBe(true);
	});
});

describe('outsiders', () => {
	it('neither read nor write comments', async () => {
		const t = await team();
		const { threadId, commentId } = await thread(t, t.sam);
		const noPlan = { ok: false, status: 404, error: 'No such plan, or you have no access to it.' };
		const userId = t.outsider.id;
		expect(await loadBoard(db, t.planId, userId)).toEqual(noPlan);
		expect(
			await startThread(db, { planId: t.planId, userId, target: cell(t), body: 'Let me in' })
		).toEqual(noPlan);
		expect(await replyToThread(db, { planId: t.planId, userId, threadId, body: 'Hi' })).toEqual(
			noPlan
		);
		expect(
			await setThreadResolved(db, { planId: t.planId, userId, threadId, resolved: true })
		).toEqual(noPlan);
		expect(await deleteComment(db, { planId: t.planId, userId, threadId, commentId })).toEqual(
			noPlan
		);
		expect(await markThreadRead(db, { planId: t.planId, userId, threadId })).toEqual(noPlan);

		const res = await threadsRoute.GET(event(t.outsider, { plan: t.planId }, { method: 'GET' }));
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({ error: noPlan.error });
		expect(await commentCount(t.planId)).toBe(1);
	});
});

describe('what a comment holds', () => {
	it('is at most 2,000 characters: a longer one is refused and nothing is stored', async () => {
		const t = await team();
		const res = await threadsRoute.POST(
			event(
				t.sam,
				{ plan: t.planId },
				{
					method: 'POST',
					body: { ...cell(t), body: 'x'.repeat(2001) }
				}
			)
		);
		expect(res.status).toBe(400);
		expect((await res.json()).error).toBe(
			'A comment holds at most 2,000 characters; this one has 2,001.'
		);
		expect(await commentCount(t.planId)).toBe(0);
		expect(await listThreads(db, t.planId)).toEqual([]);

		const { threadId, commentId } = await thread(t, t.sam, 'x'.repeat(2000));
		const tooLongReply = await replyToThread(db, {
			planId: t.planId,
			userId: t.sam.id,
			threadId,
			body: 'y'.repeat(2001)
		});
		expect(tooLongReply).toMatchObject({ ok: false, status: 400 });
		const tooLongEdit = await editComment(db, {
			planId: t.planId,
			userId: t.sam.id,
			threadId,
			commentId,
			body: 'z'.repeat(2001)
		});
		expect(tooLongEdit).toMatchObject({ ok: false, status: 400 });
		expect((await listThreads(db, t.planId))[0].comments.map((c) => c.body)).toEqual([
			'x'.repeat(2000)
		]);
	});

	it('is stored verbatim, markup and SQL included', async () => {
		const t = await team();
		const nasty = `<img src=x onerror=alert(1)> '); drop table comments; -- {@html "<b>"} $1`;
		await thread(t, t.sam, nasty);
		expect((await listThreads(db, t.planId))[0].comments[0].body).toBe(nasty);
	});
});

describe('what a thread is on', () => {
	it('must be an item or family of this plan, a measure of the grid and a month of the plan', async () => {
		const t = await team();
		const other = await team();
		const start = (target: { ownerId: string; measureId: string | null; period: string | null }) =>
			startThread(db, { planId: t.planId, userId: t.sam.id, target, body: 'Question' });

		expect(await start({ ...cell(t), ownerId: 'no-such-item' })).toEqual({
			ok: false,
			status: 400,
			error: 'Comments attach to an item or a family of this plan.'
		});
		expect(await start({ ...cell(t), ownerId: other.itemId })).toMatchObject({ status: 400 });
		expect(await start({ ...cell(t), ownerId: 'total' })).toMatchObject({ status: 400 });
		expect(await start(cell(t, 'made-up'))).toEqual({
			ok: false,
			status: 400,
			error: '"made-up" is not a measure of the grid.'
		});
		expect(await start(cell(t, 'forecast', '2029-01'))).toEqual({
			ok: false,
			status: 400,
			error: '2029-01 is not a month of this plan.'
		});
		expect(await start({ ...cell(t), period: null })).toMatchObject({ status: 400 });
		expect(await commentCount(t.planId)).toBe(0);

		expect((await start({ ownerId: t.itemId, measureId: null, period: null })).ok).toBe(true);
		expect(
			(await start({ ownerId: t.familyId, measureId: 'capacity', period: '2027-12' })).ok
		).toBe(true);
		const res = await threadsRoute.POST(
			event(
				t.sam,
				{ plan: t.planId },
				{
					method: 'POST',
					body: { ownerId: t.itemId, measureId: 'forecast', period: '2027-13', body: 'Q' }
				}
			)
		);
		expect(res.status).toBe(400);
	});
});

describe('mentions', () => {
	it('note plan members once, never the author, and ignore names of anyone else', async () => {
		const t = await team();
		// A colleague in the workspace but not on the plan cannot be mentioned into it.
		const wanda = await signedInUser(db, 'Wanda Workspace');
		await addMember(db, t.workspaceId, wanda.id, null);
		const { threadId, commentId } = await thread(
			t,
			t.sam,
			'@Lee Leader and @Vic Viewer: is this right? cc @Wanda Workspace @Otto Outsider @Sam Sales @lee leader'
		);
		const [stored] = await listThreads(db, t.planId);
		expect(stored.comments[0].mentions.sort()).toEqual([t.lee.id, t.vic.id].sort());

		const unreadOf = async (user: TestUser) => {
			const board = await loadBoard(db, t.planId, user.id);
			return board.ok ? board.value.unread : null;
		};
		expect(await unreadOf(t.lee)).toEqual([commentId]);
		expect(await unreadOf(t.sam)).toEqual([]);

		// Opening the thread marks it read, for the reader only.
		expect(await markThreadRead(db, { planId: t.planId, userId: t.lee.id, threadId })).toEqual({
			ok: true,
			value: { marked: 1 }
		});
		expect(await unreadOf(t.lee)).toEqual([]);
		expect(await unreadOf(t.vic)).toEqual([commentId]);

		// An edit keeps mentions that stay (read stays read), drops removed ones, adds new ones.
		await editComment(db, {
			planId: t.planId,
			userId: t.sam.id,
			threadId,
			commentId,
			body: '@Lee Leader, is this right?'
		});
		expect(await unreadOf(t.lee)).toEqual([]);
		expect(await unreadOf(t.vic)).toEqual([]);
		const [edited] = await listThreads(db, t.planId);
		expect(edited.comments[0].mentions).toEqual([t.lee.id]);
	});
});

describe('resolving', () => {
	it('closes and reopens a thread, remembering who resolved it', async () => {
		const t = await team();
		const { threadId } = await thread(t, t.sam);
		const res = await threadRoute.PATCH(
			event(
				t.lee,
				{ plan: t.planId, thread: threadId },
				{
					method: 'PATCH',
					body: { resolved: true }
				}
			)
		);
		expect(res.status).toBe(200);
		const [resolved] = await listThreads(db, t.planId);
		expect(resolved).toMatchObject({ resolvedBy: t.lee.id, resolvedByName: 'Lee Leader' });
		expect(resolved.resolvedAt).not.toBeNull();

		expect(
			await setThreadResolved(db, { planId: t.planId, userId: t.sam.id, threadId, resolved: false })
		).toEqual({ ok: true, value: { resolved: false } });
		const [reopened] = await listThreads(db, t.planId);
		expect(reopened).toMatchObject({ resolvedAt: null, resolvedBy: null });

		expect(
			await setThreadResolved(db, {
				planId: t.planId,
				userId: t.sam.id,
				threadId: 'nope',
				resolved: true
			})
		).toEqual({ ok: false, status: 404, error: 'That comment thread no longer exists.' });
	});
});

describe('listThreads', () => {
	it('gives plain JSON data that survives a round trip unchanged', async () => {
		const t = await team();
		await thread(t, t.sam, 'Hello @Lee Leader');
		const threads = await listThreads(db, t.planId);
		expect(JSON.parse(JSON.stringify(threads))).toEqual(threads);
		expect(threads[0]).toMatchObject({
			ownerId: t.itemId,
			measureId: 'forecast',
			period: '2027-02',
			comments: [{ body: 'Hello @Lee Leader', mentions: [t.lee.id], authorName: 'Sam Sales' }]
		});
		expect(threads[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
	});
});
