import { describe, expect, it } from 'vitest';
import { builtInPresets, editTicks } from './timeline.ts';

describe('editTicks', () => {
	it('bunches edits into one tick per slice of the period, with their count', () => {
		expect(editTicks([0, 1, 50, 99, 100], 0, 100, 4)).toEqual([
			{ at: 0.125, count: 2 },
			{ at: 0.625, count: 1 },
			{ at: 0.875, count: 2 }
		]);
	});

	it('draws no more ticks than slices, however many edits', () => {
		const times = Array.from({ length: 100_000 }, (_, i) => i);
		expect(editTicks(times, 0, 100_000).length).toBe(200);
	});
});

describe('builtInPresets', () => {
	it('offers periods ending now, today from local midnight', () => {
		const now = new Date(2027, 0, 31, 15, 30);
		const presets = builtInPresets(now);
		expect(presets.map((p) => p.label)).toEqual([
			'Last hour',
			'Today',
			'Last 24 hours',
			'Last 7 days'
		]);
		expect(presets.every((p) => p.to === now.toISOString())).toBe(true);
		expect(presets[0].from).toBe(new Date(2027, 0, 31, 14, 30).toISOString());
		expect(presets[1].from).toBe(new Date(2027, 0, 31).toISOString());
	});
});
