import type { Db } from '../../src/lib/server/db/index.ts';
import {
	appendDocuments,
	appendUpdates,
	StatementSize,
	type DocumentBatch
} from '../../src/lib/server/yjs-log.ts';

/**
 * The beat's interval: one statement per beat however many edits and rooms it carries, and a
 * statement costs the embedded database 1.5–4 ms of CPU, most of it the same for one edit or
 * twenty (PGlite at 50 ms beats spent about a tenth of a core under 20 typists). A lone edit is
 * written at once; under a stream of edits one waits up to this long, and its sender sees
 * "Saving…" (and keeps the edit, to send again) until then. 400 rather than 200 ms: at 50 / 20 on
 * a 2-core machine the database's thread took a third less CPU per edit, and its beats less of the
 * cores that relay edits, for "Saving…" shown about 0.1 s longer (README, "A longer beat").
 */
export const BEAT_MS = 400;

interface Waiting extends DocumentBatch {
	resolve(lastId: number): void;
	reject(error: unknown): void;
}

/**
 * The rooms' edits go to Postgres on one shared beat, the batches of a beat in one statement. A
 * process serving hundreds of plans, each typing a few edits a second, would otherwise run
 * hundreds of statements and commits a second, each costing Postgres many times what one more row
 * does. A group that fails is written again batch by batch, so one room's failure stays its own;
 * a batch fenced out (its plan taken over) fails alone.
 */
export class LogCommits {
	private readonly due = new Set<() => void>();
	private beatTimer: NodeJS.Timeout | undefined;
	private lastBeat = -Infinity;
	private queue: Waiting[] = [];
	private queued = false;

	constructor(
		private readonly db: () => Promise<Db>,
		private readonly intervalMs: number
	) {}

	/**
	 * Runs `flush` on the next beat, once however often it is asked. A beat comes at once (on the
	 * next turn, with whatever else this turn asks) when the last one is an interval ago, else an
	 * interval after it: a lone edit is saved straight away, and under load the statements stay at
	 * one per interval.
	 */
	onNextBeat(flush: () => void): void {
		this.due.add(flush);
		if (this.beatTimer) return;
		const wait = this.lastBeat + this.intervalMs - performance.now();
		this.beatTimer = setTimeout(this.beat, Math.max(0, wait));
	}

	/** Takes back a flush asked for (a room that closed). */
	cancel(flush: () => void): void {
		this.due.delete(flush);
	}

	/** Logs a document's batch with the others of this turn; resolves with its last log id. */
	append(name: string, updates: DocumentBatch['updates'], fence?: DocumentBatch['fence']) {
		return new Promise<number>((resolve, reject) => {
			this.queue.push({ name, updates, fence, resolve, reject });
			if (this.queued) return;
			this.queued = true;
			// Rooms flushed on one beat reach here in the same turn, after a few awaits each.
			setImmediate(() => this.commit());
		});
	}

	private beat = (): void => {
		this.beatTimer = undefined;
		this.lastBeat = performance.now();
		const due = [...this.due];
		this.due.clear();
		for (const flush of due) flush();
	};

	private commit(): void {
		this.queued = false;
		const waiting = this.queue;
		this.queue = [];
		// A room has one batch under way at a time; should a name come twice, it waits a turn.
		const names = new Set<string>();
		let group: Waiting[] = [];
		let size = new StatementSize();
		for (const batch of waiting) {
			if (names.has(batch.name)) {
				void this.append(batch.name, batch.updates, batch.fence).then(batch.resolve, batch.reject);
				continue;
			}
			names.add(batch.name);
			if (size.add(batch)) {
				group.push(batch);
				continue;
			}
			// The statement is full: it goes, and this batch starts the next one, or is logged alone
			// (in as many statements as it needs) when it is too large to share one.
			void this.together(group);
			size = new StatementSize();
			group = size.add(batch) ? [batch] : [];
			if (group.length === 0) void this.alone(batch);
		}
		void this.together(group);
	}

	private async together(group: Waiting[]): Promise<void> {
		if (group.length <= 1) return group.length === 1 ? this.alone(group[0]) : undefined;
		let outcomes: (number | Error)[];
		try {
			outcomes = await appendDocuments(await this.db(), group);
		} catch {
			for (const batch of group) void this.alone(batch);
			return;
		}
		group.forEach((batch, i) => {
			const outcome = outcomes[i];
			if (typeof outcome === 'number') batch.resolve(outcome);
			else batch.reject(outcome);
		});
	}

	private async alone(batch: Waiting): Promise<void> {
		try {
			batch.resolve(await appendUpdates(await this.db(), batch.name, batch.updates, batch.fence));
		} catch (error) {
			batch.reject(error);
		}
	}
}
