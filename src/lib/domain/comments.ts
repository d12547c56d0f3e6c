/**
 * Comment threads on a plan: what they attach to, who they mention, which ones a person wants to
 * see and where the grid marks them. Pure rules shared by the server (which enforces them) and the
 * browser (which shows them).
 */
import { cellKey, measure } from './measures.ts';
import { periodLabel } from './periods.ts';

/** Long enough for a real question with context, short enough to read aloud in a meeting. */
export const MAX_COMMENT_LENGTH = 2000;

/**
 * What a thread is about: a whole row (an item or a family: measure and period null) or one cell
 * of it (item or family × measure × month).
 */
export interface CommentTarget {
	ownerId: string;
	measureId: string | null;
	period: string | null;
}

export interface CommentView {
	id: string;
	authorId: string | null;
	/** Null once the author's account is gone. */
	authorName: string | null;
	body: string;
	createdAt: string;
	editedAt: string | null;
	/** Plan members the comment mentions, by user id. */
	mentions: string[];
}

export interface ThreadView extends CommentTarget {
	id: string;
	createdBy: string | null;
	createdAt: string;
	resolvedAt: string | null;
	resolvedBy: string | null;
	resolvedByName: string | null;
	comments: CommentView[];
}

export interface Mentionable {
	id: string;
	name: string;
}

/** A plan member as the comments panel shows and mentions them. */
export interface Member extends Mentionable {
	color: string;
}

/** What the comments panel shows one member of the plan. */
export interface CommentBoard {
	threads: ThreadView[];
	/** Ids of the comments mentioning the reader that they have not opened yet. */
	unread: string[];
	/** The people who can be mentioned: the plan's members. */
	members: Member[];
	canComment: boolean;
	viewersCanComment: boolean;
}

export type BodyCheck = { ok: true; body: string } | { ok: false; error: string };

/** Counts characters as people see them, so an emoji is one, not two UTF-16 units. */
export function commentLength(body: string): number {
	return Array.from(body).length;
}

export function checkCommentBody(body: string): BodyCheck {
	const trimmed = body.trim();
	if (trimmed === '') return { ok: false, error: 'Write something before posting.' };
	const length = commentLength(trimmed);
	if (length > MAX_COMMENT_LENGTH) {
		return {
			ok: false,
			error: `A comment holds at most ${MAX_COMMENT_LENGTH.toLocaleString('en')} characters; this one has ${length.toLocaleString('en')}.`
		};
	}
	return { ok: true, body: trimmed };
}

/**
 * Whether a target names something of this plan: an item or a family (ownerKind, null when the id
 * is neither), and for a cell a measure that row shows and one of the plan's months.
 */
export function checkTarget(
	target: CommentTarget,
	ownerKind: 'item' | 'family' | null,
	periods: readonly string[]
): string | null {
	if (!ownerKind) return 'Comments attach to an item or a family of this plan.';
	if (target.measureId === null && target.period === null) return null;
	if (target.measureId === null || target.period === null)
		return 'A comment on a cell needs both its measure and its month.';
	const m = measure(target.measureId);
	if (!m) return `"${target.measureId}" is not a measure of the grid.`;
	if (m.level === 'family' && ownerKind === 'item')
		return `${m.label} is planned per family, not per item.`;
	if (!periods.includes(target.period)) return `${target.period} is not a month of this plan.`;
	return null;
}

/** Whether this member may write comments: everyone, viewers only if the leaders allow it. */
export function canComment(role: 'viewer' | 'editor' | 'leader', viewersCanComment: boolean) {
	return role !== 'viewer' || viewersCanComment;
}

const WORD = /[\p{L}\p{N}_]/u;

/** The member whose `@Name` starts at `at`, preferring the longest name ("Sam Sales" over "Sam"). */
function mentionAt(body: string, at: number, byLength: readonly Mentionable[]) {
	if (body[at] !== '@' || (at > 0 && WORD.test(body[at - 1]))) return null;
	for (const member of byLength) {
		const end = at + 1 + member.name.length;
		if (body.slice(at + 1, end).toLowerCase() !== member.name.toLowerCase()) continue;
		if (end < body.length && WORD.test(body[end])) continue;
		return { member, end };
	}
	return null;
}

const longestFirst = (members: readonly Mentionable[]) =>
	members.filter((m) => m.name.length > 0).sort((a, b) => b.name.length - a.name.length);

/** The members `@Name` mentions in a comment, once each; a name that is no member is plain text. */
export function mentionedIds(body: string, members: readonly Mentionable[]): string[] {
	const byLength = longestFirst(members);
	const ids = new Set<string>();
	for (let at = body.indexOf('@'); at >= 0; at = body.indexOf('@', at + 1)) {
		const found = mentionAt(body, at, byLength);
		if (found) ids.add(found.member.id);
	}
	return [...ids];
}

/** A comment cut into plain text and mentions, so mentions can be highlighted without markup. */
export function bodySegments(
	body: string,
	members: readonly Mentionable[]
): { text: string; mention: boolean }[] {
	const byLength = longestFirst(members);
	const out: { text: string; mention: boolean }[] = [];
	let from = 0;
	for (let at = body.indexOf('@'); at >= 0; at = body.indexOf('@', at + 1)) {
		const found = mentionAt(body, at, byLength);
		if (!found) continue;
		if (at > from) out.push({ text: body.slice(from, at), mention: false });
		out.push({ text: body.slice(at, found.end), mention: true });
		from = found.end;
		at = found.end - 1;
	}
	if (from < body.length) out.push({ text: body.slice(from), mention: false });
	return out;
}

/** Names are short; a longer run after `@` is ordinary text, not a name being typed. */
const MAX_QUERY = 40;

/**
 * The `@name` being typed just before the caret, if any: where its `@` is and what follows it.
 * The query may hold spaces ("@Sam Sa") since names do.
 */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
	const before = text.slice(0, caret);
	const start = before.lastIndexOf('@');
	if (start < 0 || (start > 0 && WORD.test(before[start - 1]))) return null;
	const query = before.slice(start + 1);
	if (query.length > MAX_QUERY || /[\n@]/.test(query) || /^\s/.test(query)) return null;
	return { start, query };
}

/** Members whose name, or a word of it, starts with the query (case-insensitive). */
export function suggestMembers<M extends Mentionable>(
	members: readonly M[],
	query: string,
	limit = 6
): M[] {
	const q = query.toLowerCase();
	return members
		.filter((m) => {
			const name = m.name.toLowerCase();
			return name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q));
		})
		.slice(0, limit);
}

/** The text with the `@query` at `start`…`caret` replaced by the full `@Name `, and the new caret. */
export function insertMention(
	text: string,
	start: number,
	caret: number,
	name: string
): { text: string; caret: number } {
	const mention = `@${name} `;
	const after = text.slice(caret).replace(/^ /, '');
	return { text: text.slice(0, start) + mention + after, caret: start + mention.length };
}

export type ThreadFilter = 'open' | 'resolved' | 'mine' | 'mentions';

export const THREAD_FILTERS: { id: ThreadFilter; label: string }[] = [
	{ id: 'open', label: 'Open' },
	{ id: 'resolved', label: 'Resolved' },
	{ id: 'mine', label: 'Mine' },
	{ id: 'mentions', label: 'Mentioning me' }
];

/** Open, resolved, the ones I started or wrote in, or the ones mentioning me. */
export function threadMatches(thread: ThreadView, filter: ThreadFilter, userId: string): boolean {
	switch (filter) {
		case 'open':
			return thread.resolvedAt === null;
		case 'resolved':
			return thread.resolvedAt !== null;
		case 'mine':
			return thread.createdBy === userId || thread.comments.some((c) => c.authorId === userId);
		case 'mentions':
			return thread.comments.some((c) => c.mentions.includes(userId));
	}
}

/** "RB-1 Aero 56" for a row thread, "RB-1 Aero 56 · Sales forecast · Feb 27" for a cell's. */
export function targetLabel(target: CommentTarget, ownerName: string): string {
	if (target.measureId === null || target.period === null) return ownerName;
	const label = measure(target.measureId)?.label ?? target.measureId;
	return `${ownerName} · ${label} · ${periodLabel(target.period)}`;
}

/** The whole row a cell belongs to. */
export function rowOf(target: CommentTarget): CommentTarget {
	return { ownerId: target.ownerId, measureId: null, period: null };
}

export function sameTarget(a: CommentTarget, b: CommentTarget): boolean {
	return a.ownerId === b.ownerId && a.measureId === b.measureId && a.period === b.period;
}

/** Newest first, in an order that a reply does not shuffle under the reader's eyes. */
export function newestFirst(threads: readonly ThreadView[]): ThreadView[] {
	return [...threads].sort(
		(a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)
	);
}

/**
 * Where the grid marks open threads: counts of row threads by owner id, and of cell threads by
 * `cellKey(owner, month, measure)`.
 */
export interface CommentMarkers {
	rows: Record<string, number>;
	cells: Record<string, number>;
}

export function commentMarkers(threads: readonly ThreadView[]): CommentMarkers {
	const markers: CommentMarkers = { rows: {}, cells: {} };
	for (const t of threads) {
		if (t.resolvedAt !== null) continue;
		if (t.measureId === null || t.period === null) {
			markers.rows[t.ownerId] = (markers.rows[t.ownerId] ?? 0) + 1;
		} else {
			const key = cellKey(t.ownerId, t.period, t.measureId);
			markers.cells[key] = (markers.cells[key] ?? 0) + 1;
		}
	}
	return markers;
}

/** The threads holding any of these (unread) comments. */
export function threadsWithComments(
	threads: readonly ThreadView[],
	commentIds: readonly string[]
): Set<string> {
	const wanted = new Set(commentIds);
	return new Set(threads.filter((t) => t.comments.some((c) => wanted.has(c.id))).map((t) => t.id));
}
