/** How a meeting's time stands: the item under way against its time box, and the whole meeting. */

export interface TimedItem {
	/** Minutes the item is given. */
	minutes: number;
	/** ISO times; null before the item started (or while it runs, for `endedAt`). */
	startedAt: string | null;
	endedAt: string | null;
}

export interface ItemClock {
	elapsedMs: number;
	boxMs: number;
	/** Time past the box; 0 while within it. */
	overMs: number;
	over: boolean;
	/** Share of the box used, capped at 1, for a progress bar. */
	used: number;
}

const MINUTE = 60_000;

/** The clock of one agenda item at `now` (ms since the epoch). */
export function itemClock(item: TimedItem, now: number): ItemClock {
	const start = item.startedAt ? Date.parse(item.startedAt) : now;
	const end = item.endedAt ? Date.parse(item.endedAt) : now;
	const elapsedMs = Math.max(0, end - start);
	const boxMs = item.minutes * MINUTE;
	const overMs = Math.max(0, elapsedMs - boxMs);
	return { elapsedMs, boxMs, overMs, over: overMs > 0, used: Math.min(1, elapsedMs / boxMs) };
}

/** How long the meeting has run (or ran) at `now`. */
export function meetingElapsed(startedAt: string, endedAt: string | null, now: number): number {
	return Math.max(0, (endedAt ? Date.parse(endedAt) : now) - Date.parse(startedAt));
}

/** The minutes the agenda plans in all. */
export function plannedMinutes(items: readonly Pick<TimedItem, 'minutes'>[]): number {
	return items.reduce((sum, item) => sum + item.minutes, 0);
}

/** "7:05", or "1:02:03" past an hour; whole seconds, rounded down. */
export function formatDuration(ms: number): string {
	const total = Math.floor(Math.max(0, ms) / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = String(total % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
