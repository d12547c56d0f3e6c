/** A tick on the timeline: where edits happened, bunched into one tick per slice of the period. */
export interface Tick {
	/** Position on the timeline, 0 (start) to 1 (end). */
	at: number;
	/** Edits in the slice. */
	count: number;
}

/**
 * Ticks for the edits at `times` (ms, ascending) between `start` and `end`: at most `slices`
 * of them, so that 100,000 edits draw a few hundred marks rather than 100,000.
 */
export function editTicks(
	times: ArrayLike<number>,
	start: number,
	end: number,
	slices = 200
): Tick[] {
	const span = Math.max(1, end - start);
	const counts = new Map<number, number>();
	for (let i = 0; i < times.length; i++) {
		const slice = Math.min(
			slices - 1,
			Math.max(0, Math.floor(((times[i] - start) / span) * slices))
		);
		counts.set(slice, (counts.get(slice) ?? 0) + 1);
	}
	return [...counts].map(([slice, count]) => ({ at: (slice + 0.5) / slices, count }));
}

/** Replay speeds: seconds of the period played per second. */
export const SPEEDS = [10, 60] as const;
export type Speed = (typeof SPEEDS)[number];

/** A period to replay, as the period picker offers it. */
export interface PeriodPreset {
	label: string;
	from: string;
	to: string;
}

const HOUR = 3_600_000;

/**
 * The periods every replay offers, ending `now`: the last hour, today (from midnight where the
 * person is), the last 24 hours and the last 7 days.
 */
export function builtInPresets(now: Date): PeriodPreset[] {
	const midnight = new Date(now);
	midnight.setHours(0, 0, 0, 0);
	const to = now.toISOString();
	const back = (ms: number) => new Date(now.getTime() - ms).toISOString();
	return [
		{ label: 'Last hour', from: back(HOUR), to },
		{ label: 'Today', from: midnight.toISOString(), to },
		{ label: 'Last 24 hours', from: back(24 * HOUR), to },
		{ label: 'Last 7 days', from: back(7 * 24 * HOUR), to }
	];
}

/** The period a replay opens on when none is asked for: the last 24 hours. */
export function defaultPeriod(now: Date): { from: Date; to: Date } {
	return { from: new Date(now.getTime() - 24 * HOUR), to: now };
}

const CLOCK = new Intl.DateTimeFormat('en-GB', {
	dateStyle: 'medium',
	timeStyle: 'medium'
});

/** The moment a replay shows, to the second, in the reader's time zone: '3 Mar 2027, 14:05:07'. */
export function formatReplayTime(ms: number): string {
	return CLOCK.format(new Date(ms));
}
