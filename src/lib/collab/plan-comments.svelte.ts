import {
	commentMarkers,
	threadsWithComments,
	type CommentBoard,
	type CommentTarget,
	type Member
} from '../domain/comments.ts';
import { LiveResource, messageOf, UNREACHABLE } from './live-resource.svelte.ts';

export type Done = { ok: true } | { ok: false; error: string };
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The plan's comments in this browser. Comments live in Postgres and change through HTTP; the
 * server then bumps a revision in the plan's live connection, and every open browser fetches the
 * comments anew.
 */
export class PlanComments {
	readonly markers = $derived(commentMarkers(this.board?.threads ?? []));
	readonly unreadThreads = $derived(
		threadsWithComments(this.board?.threads ?? [], this.board?.unread ?? [])
	);
	readonly unreadCount = $derived(this.board?.unread.length ?? 0);
	readonly members = $derived<readonly Member[]>(this.board?.members ?? []);

	private readonly base: string;
	private readonly live: LiveResource<CommentBoard>;

	/** Created while a component initialises; `revision` is the connection's comments counter. */
	constructor(planId: string, revision: () => number) {
		this.base = `/plans/${encodeURIComponent(planId)}/comments`;
		this.live = new LiveResource<CommentBoard>(this.base, revision);
	}

	get board(): CommentBoard | null {
		return this.live.current;
	}

	get loadError(): string | null {
		return this.live.loadError;
	}

	start(target: CommentTarget, body: string): Promise<Result<{ threadId: string }>> {
		return this.send('POST', '', { ...target, body });
	}

	reply(threadId: string, body: string): Promise<Done> {
		return this.send('POST', `/${threadId}`, { body });
	}

	edit(threadId: string, commentId: string, body: string): Promise<Done> {
		return this.send('PATCH', `/${threadId}/${commentId}`, { body });
	}

	remove(threadId: string, commentId: string): Promise<Done> {
		return this.send('DELETE', `/${threadId}/${commentId}`);
	}

	setResolved(threadId: string, resolved: boolean): Promise<Done> {
		return this.send('PATCH', `/${threadId}`, { resolved });
	}

	/** Clears the thread's mentions of me at once; the server records it meanwhile. */
	async markRead(threadId: string): Promise<Done> {
		const board = this.board;
		const thread = board?.threads.find((t) => t.id === threadId);
		if (!board || !thread || !this.unreadThreads.has(threadId)) return { ok: true };
		const inThread = thread.comments.map((c) => c.id);
		this.live.current = { ...board, unread: board.unread.filter((id) => !inThread.includes(id)) };
		return this.send('POST', `/${threadId}/read`);
	}

	private async send<T>(method: string, path: string, body?: object): Promise<Result<T>> {
		let res: Response;
		try {
			res = await fetch(this.base + path, {
				method,
				headers: { accept: 'application/json', 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body)
			});
		} catch {
			return { ok: false, error: UNREACHABLE };
		}
		const data: unknown = await res.json().catch(() => null);
		// Our own change shows at once, without waiting for the server's notice to come round.
		void this.live.refresh();
		return res.ok
			? { ok: true, value: data as T }
			: { ok: false, error: messageOf(data, res.status) };
	}
}
