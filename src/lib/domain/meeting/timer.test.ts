import { describe, expect, it } from 'vitest';
import { formatDuration, itemClock, meetingElapsed, plannedMinutes } from './timer.ts';

const at = (iso: string) => Date.parse(iso);

describe('itemClock', () => {
	it('counts time within the box without overrun', () => {
		const clock = itemClock(
			{ minutes: 10, startedAt: '2027-01-05T09:00:00Z', endedAt: null },
			at('2027-01-05T09:04:00Z')
		);
		expect(clock).toEqual({
			elapsedMs: 240_000,
			boxMs: 600_000,
			overMs: 0,
			over: false,
			used: 0.4
		});
	});

	it('shows the overrun once the box is used up', () => {
		const clock = itemClock(
			{ minutes: 5, startedAt: '2027-01-05T09:00:00Z', endedAt: null },
			at('2027-01-05T09:07:30Z')
		);
		expect(clock.over).toBe(true);
		expect(clock.overMs).toBe(150_000);
		expect(clock.used).toBe(1);
	});

	it('stops at the end of a finished item, and shows nothing elapsed before it starts', () => {
		const done = itemClock(
			{ minutes: 5, startedAt: '2027-01-05T09:00:00Z', endedAt: '2027-01-05T09:03:00Z' },
			at('2027-01-05T10:00:00Z')
		);
		expect(done.elapsedMs).toBe(180_000);
		expect(itemClock({ minutes: 5, startedAt: null, endedAt: null }, 0).elapsedMs).toBe(0);
	});
});

describe('meeting totals', () => {
	it('measures the running and the ended meeting', () => {
		expect(meetingElapsed('2027-01-05T09:00:00Z', null, at('2027-01-05T09:30:00Z'))).toBe(
			1_800_000
		);
		expect(
			meetingElapsed('2027-01-05T09:00:00Z', '2027-01-05T09:10:00Z', at('2027-01-05T11:00:00Z'))
		).toBe(600_000);
		expect(plannedMinutes([{ minutes: 10 }, { minutes: 25 }])).toBe(35);
	});

	it('formats durations as a clock', () => {
		expect(formatDuration(0)).toBe('0:00');
		expect(formatDuration(65_900)).toBe('1:05');
		expect(formatDuration(3_723_000)).toBe('1:02:03');
		expect(formatDuration(-5)).toBe('0:00');
	});
});
