/**
 * Comment threads in Postgres. Every function takes the acting user's id from the session (never
 * from the request) and checks on its own that they may do what they ask, so a route cannot forget.
 */
import {
	canComment,
	checkCommentBody,
	checkTarget,
	mentionedIds,
	type CommentBoard,
	type CommentTarget,
	type CommentView,
	type ThreadView
} from '../domain/comments.ts';
import { periods } from '../domain/periods.ts';
import type { PlanRole } from '../domain/roles.ts';
import type { Db, Queryable } from './db/index.ts';
import { randomId } from './ids.ts';
import { listPlanMembers } from './plans.ts';
import { Refusal } from './refusal.ts';

const NO_PLAN = 'No such plan, or you have no access to it.';
const VIEWERS_OFF = "The plan's leaders have turned off comments from viewers.";
const NO_THREAD = 'That comment thread no longer exists.';
const NO_COMMENT = 'That comment no longer exists.';

interface Commenter {
	role: PlanRole;
	canComment: boolean;
	viewersCanComment: boolean;
}

/** The user's standing on the plan; refused when they are no member of it. */
async function commenter(db: Queryable, planId: string, userId: string): Promise<Commenter> {
	const [row] = await db.query<{ role: PlanRole; viewers_can_comment: boolean }>(
		`select pm.role, p.viewers_can_comment from plan_members pm
		 join plans p on p.id = pm.plan_id
		 join workspace_members wm on wm.workspace_id = p.workspace_id and wm.user_id = pm.user_id
		 where pm.plan_id = $1 and pm.user_id = $2`,
		[planId, userId]
	);
	if (!row) throw new Refusal(NO_PLAN, 404);
	return {
		role: row.role,
		viewersCanComment: row.viewers_can_comment,
		canComment: canComment(row.role, row.viewers_can_comment)
	};
}

/** Refuses a member who may not write comments on the plan. */
async function mayWrite(db: Queryable, planId: string, userId: string): Promise<void> {
	if (!(await commenter(db, planId, userId)).canComment) throw new Refusal(VIEWERS_OFF, 403);
}

const iso = (d: Date | string | null): string | null =>
	d === null ? null : new Date(d).toISOString();

/** Every thread of the plan with its comments and mentions, as plain JSON-able data. */
export async function listThreads(db: Queryable, planId: string): Promise<ThreadView[]> {
	const threads = await db.query<{
		id: string;
		owner_id: string;
		measure_id: string | null;
		period: string | null;
		created_by: string | null;
		created_at: Date;
		resolved_at: Date | null;
		resolved_by: string | null;
		resolved_by_name: string | null;
	}>(
		`select t.id, t.owner_id, t.measure_id, t.period, t.created_by, t.created_at, t.resolved_at,
		        t.resolved_by, u.name as resolved_by_name
		 from comment_threads t left join users u on u.id = t.resolved_by
		 where t.plan_id = $1 order by t.created_at, t.id`,
		[planId]
	);
	const comments = await db.query<{
		id: string;
		thread_id: string;
		author_id: string | null;
		author_name: string | null;
		body: string;
		created_at: Date;
		edited_at: Date | null;
	}>(
		`select c.id, c.thread_id, c.author_id, u.name as author_name, c.body, c.created_at, c.edited_at
		 from comments c join comment_threads t on t.id = c.thread_id
		 left join users u on u.id = c.author_id
		 where t.plan_id = $1 order by c.created_at, c.id`,
		[planId]
	);
	const mentions = await db.query<{ comment_id: string; user_id: string }>(
		`select m.comment_id, m.user_id from comment_mentions m
		 join comments c on c.id = m.comment_id join comment_threads t on t.id = c.thread_id
		 where t.plan_id = $1 order by m.user_id`,
		[planId]
	);
	const mentionsOf = new Map<string, string[]>();
	for (const m of mentions) {
		const list = mentionsOf.get(m.comment_id) ?? [];
		list.push(m.user_id);
		mentionsOf.set(m.comment_id, list);
	}
	const commentsOf = new Map<string, CommentView[]>();
	for (const c of comments) {
		const list = commentsOf.get(c.thread_id) ?? [];
		list.push({
			id: c.id,
			authorId: c.author_id,
			authorName: c.author_name,
			body: c.body,
			createdAt: iso(c.created_at)!,
			editedAt: iso(c.edited_at),
			mentions: mentionsOf.get(c.id) ?? []
		});
		commentsOf.set(c.thread_id, list);
	}
	return threads.map((t) => ({
		id: t.id,
		ownerId: t.owner_id,
		measureId: t.measure_id,
		period: t.period,
		createdBy: t.created_by,
		createdAt: iso(t.created_at)!,
		resolvedAt: iso(t.resolved_at),
		resolvedBy: t.resolved_by,
		resolvedByName: t.resolved_by_name,
		comments: commentsOf.get(t.id) ?? []
	}));
}

/** What the comments panel shows one member. */
export async function loadBoard(
	db: Queryable,
	planId: string,
	userId: string
): Promise<CommentBoard> {
	const who = await commenter(db, planId, userId);
	const unread = await db.query<{ comment_id: string }>(
		`select m.comment_id from comment_mentions m
		 join comments c on c.id = m.comment_id join comment_threads t on t.id = c.thread_id
		 where t.plan_id = $1 and m.user_id = $2 and m.read_at is null`,
		[planId, userId]
	);
	const members = await listPlanMembers(db, planId);
	return {
		threads: await listThreads(db, planId),
		unread: unread.map((r) => r.comment_id),
		members: members.map((m) => ({ id: m.user_id, name: m.name, color: m.color })),
		canComment: who.canComment,
		viewersCanComment: who.viewersCanComment
	};
}

/** What an owner id names in this plan, and the plan's months. */
async function targetContext(db: Queryable, planId: string, ownerId: string) {
	const [row] = await db.query<{
		start_month: string;
		horizon: number;
		owner_kind: 'item' | 'family' | null;
	}>(
		`select p.start_month, p.horizon,
		        case when exists (select 1 from items i where i.plan_id = p.id and i.id = $2) then 'item'
		             when exists (select 1 from families f where f.plan_id = p.id and f.id = $2) then 'family'
		        end as owner_kind
		 from plans p where p.id = $1`,
		[planId, ownerId]
	);
	return { ownerKind: row.owner_kind, periods: periods(row.start_month, row.horizon) };
}

/** Records who a comment mentions: plan members only, never its own author. */
async function writeMentions(
	tx: Queryable,
	planId: string,
	commentId: string,
	authorId: string,
	body: string
): Promise<void> {
	const members = (await listPlanMembers(tx, planId)).map((m) => ({ id: m.user_id, name: m.name }));
	const ids = mentionedIds(body, members).filter((id) => id !== authorId);
	// A mention that stays through an edit keeps its read state; a new one is unread.
	await tx.query(
		`delete from comment_mentions where comment_id = $1 and not (user_id = any($2::text[]))`,
		[commentId, ids]
	);
	for (const id of ids) {
		await tx.query(
			`insert into comment_mentions (comment_id, user_id) values ($1, $2)
			 on conflict (comment_id, user_id) do nothing`,
			[commentId, id]
		);
	}
}

export async function startThread(
	db: Db,
	input: { planId: string; userId: string; target: CommentTarget; body: string }
): Promise<{ threadId: string; commentId: string }> {
	const { planId, userId, target } = input;
	await mayWrite(db, planId, userId);
	const body = checkCommentBody(input.body);
	if (!body.ok) throw new Refusal(body.error, 400);
	const context = await targetContext(db, planId, target.ownerId);
	const wrongTarget = checkTarget(target, context.ownerKind, context.periods);
	if (wrongTarget) throw new Refusal(wrongTarget, 400);
	const threadId = randomId(10);
	const commentId = randomId(10);
	await db.transaction(async (tx) => {
		await tx.query(
			`insert into comment_threads (id, plan_id, owner_id, measure_id, period, created_by)
			 values ($1, $2, $3, $4, $5, $6)`,
			[threadId, planId, target.ownerId, target.measureId, target.period, userId]
		);
		await tx.query(
			`insert into comments (id, thread_id, author_id, body) values ($1, $2, $3, $4)`,
			[commentId, threadId, userId, body.body]
		);
		await writeMentions(tx, planId, commentId, userId, body.body);
	});
	return { threadId, commentId };
}

async function threadExists(db: Queryable, planId: string, threadId: string): Promise<boolean> {
	const rows = await db.query(`select 1 from comment_threads where id = $1 and plan_id = $2`, [
		threadId,
		planId
	]);
	return rows.length > 0;
}

export async function replyToThread(
	db: Db,
	input: { planId: string; userId: string; threadId: string; body: string }
): Promise<{ commentId: string }> {
	const { planId, userId, threadId } = input;
	await mayWrite(db, planId, userId);
	const body = checkCommentBody(input.body);
	if (!body.ok) throw new Refusal(body.error, 400);
	const commentId = randomId(10);
	const written = await db.transaction(async (tx) => {
		if (!(await threadExists(tx, planId, threadId))) return false;
		await tx.query(
			`insert into comments (id, thread_id, author_id, body) values ($1, $2, $3, $4)`,
			[commentId, threadId, userId, body.body]
		);
		await writeMentions(tx, planId, commentId, userId, body.body);
		return true;
	});
	if (!written) throw new Refusal(NO_THREAD, 404);
	return { commentId };
}

interface CommentRef {
	planId: string;
	threadId: string;
	commentId: string;
}

/** The comment's author, or null when it is not a comment of that thread of this plan. */
async function authorOf(db: Queryable, ref: CommentRef) {
	const [row] = await db.query<{ author_id: string | null }>(
		`select c.author_id from comments c join comment_threads t on t.id = c.thread_id
		 where c.id = $1 and t.id = $2 and t.plan_id = $3`,
		[ref.commentId, ref.threadId, ref.planId]
	);
	return row ?? null;
}

export async function editComment(
	db: Db,
	input: CommentRef & { userId: string; body: string }
): Promise<{ commentId: string }> {
	const { planId, userId, commentId } = input;
	await mayWrite(db, planId, userId);
	const body = checkCommentBody(input.body);
	if (!body.ok) throw new Refusal(body.error, 400);
	const comment = await authorOf(db, input);
	if (!comment) throw new Refusal(NO_COMMENT, 404);
	if (comment.author_id !== userId) throw new Refusal('You can only edit your own comments.', 403);
	await db.transaction(async (tx) => {
		await tx.query(`update comments set body = $2, edited_at = now() where id = $1`, [
			commentId,
			body.body
		]);
		await writeMentions(tx, planId, commentId, userId, body.body);
	});
	return { commentId };
}

/**
 * Deletes one's own comment; a thread left without comments goes with it. Allowed even when
 * viewers may no longer comment: people may always take back what they wrote.
 */
export async function deleteComment(
	db: Db,
	input: CommentRef & { userId: string }
): Promise<{ threadDeleted: boolean }> {
	const { planId, userId, commentId, threadId } = input;
	await commenter(db, planId, userId); // refuses anyone who is no member of the plan
	const comment = await authorOf(db, input);
	if (!comment) throw new Refusal(NO_COMMENT, 404);
	if (comment.author_id !== userId)
		throw new Refusal('You can only delete your own comments.', 403);
	const threadDeleted = await db.transaction(async (tx) => {
		await tx.query(`delete from comments where id = $1`, [commentId]);
		const gone = await tx.query(
			`delete from comment_threads t where t.id = $1
			 and not exists (select 1 from comments c where c.thread_id = t.id) returning t.id`,
			[threadId]
		);
		return gone.length > 0;
	});
	return { threadDeleted };
}

/** Resolves or reopens a thread; anyone who may comment may do either. */
export async function setThreadResolved(
	db: Db,
	input: { planId: string; userId: string; threadId: string; resolved: boolean }
): Promise<{ resolved: boolean }> {
	const { planId, userId, threadId, resolved } = input;
	await mayWrite(db, planId, userId);
	// Resolving twice keeps the first resolution's time and person.
	const rows = resolved
		? await db.query(
				`update comment_threads set resolved_at = coalesce(resolved_at, now()),
				        resolved_by = case when resolved_at is null then $3 else resolved_by end
				 where id = $1 and plan_id = $2 returning id`,
				[threadId, planId, userId]
			)
		: await db.query(
				`update comment_threads set resolved_at = null, resolved_by = null
				 where id = $1 and plan_id = $2 returning id`,
				[threadId, planId]
			);
	if (!rows.length) throw new Refusal(NO_THREAD, 404);
	return { resolved };
}

/** Marks the reader's mentions in a thread as read; returns how many were unread. */
export async function markThreadRead(
	db: Queryable,
	input: { planId: string; userId: string; threadId: string }
): Promise<{ marked: number }> {
	const { planId, userId, threadId } = input;
	await commenter(db, planId, userId); // refuses anyone who is no member of the plan
	const rows = await db.query(
		`update comment_mentions m set read_at = now()
		 from comments c join comment_threads t on t.id = c.thread_id
		 where m.comment_id = c.id and t.id = $1 and t.plan_id = $2
		   and m.user_id = $3 and m.read_at is null
		 returning m.comment_id`,
		[threadId, planId, userId]
	);
	return { marked: rows.length };
}

export async function getViewersCanComment(db: Queryable, planId: string): Promise<boolean> {
	const [row] = await db.query<{ viewers_can_comment: boolean }>(
		`select viewers_can_comment from plans where id = $1`,
		[planId]
	);
	return row?.viewers_can_comment ?? true;
}

/** The leader's switch; callers check that the user leads the plan. */
export async function setViewersCanComment(
	db: Queryable,
	planId: string,
	allowed: boolean
): Promise<void> {
	await db.query(`update plans set viewers_can_comment = $2 where id = $1`, [planId, allowed]);
}
