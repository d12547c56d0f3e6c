import { describe, expect, it } from 'vitest';
import { mergeListing, metNewer, recordOpened, refusedAsText } from './offline-edits.ts';

describe('metNewer', () => {
	const waiting = new Map<string, number | null>([
		['a', 5],
		['b', 7],
		['c', null]
	]);

	it('lists a waiting edit overwritten by someone else as theirs kept, with both values', () => {
		const current = (key: string) => ({ a: 9 })[key] ?? null;
		expect(metNewer(waiting, [{ key: 'a', lostValue: 5, lostWasLocal: true }], current)).toEqual([
			{ key: 'a', yours: 5, theirs: 9, kept: 'theirs' }
		]);
	});

	it('lists a concurrent edit that lost against the waiting one as yours kept', () => {
		expect(metNewer(waiting, [{ key: 'b', lostValue: 3, lostWasLocal: false }], () => 7)).toEqual([
			{ key: 'b', yours: 7, theirs: 3, kept: 'yours' }
		]);
	});

	it('ignores cells without a waiting edit and equal values on both sides', () => {
		const deleted = [
			{ key: 'z', lostValue: 1, lostWasLocal: true },
			{ key: 'b', lostValue: 7, lostWasLocal: false },
			{ key: 'c', lostValue: null, lostWasLocal: true }
		];
		expect(metNewer(waiting, deleted, () => null)).toEqual([]);
	});
});

describe('mergeListing', () => {
	it('replaces a cell’s earlier outcome with its latest', () => {
		const older = [
			{ key: 'a', n: 1 },
			{ key: 'b', n: 1 }
		];
		expect(mergeListing(older, [{ key: 'a', n: 2 }])).toEqual([
			{ key: 'b', n: 1 },
			{ key: 'a', n: 2 }
		]);
	});
});

describe('refusedAsText', () => {
	it('writes one line per refused edit with its reason', () => {
		const text = refusedAsText(
			[
				{ key: 'k1', value: 12, reason: 'step locked' },
				{ key: 'k2', value: null, reason: 'step locked' }
			],
			(key) => key.toUpperCase(),
			(_key, value) => (value === null ? '(empty)' : String(value))
		);
		expect(text).toBe('K1: 12 (not saved: step locked)\nK2: (empty) (not saved: step locked)');
	});
});

describe('recordOpened', () => {
	const copies = [
		{ planId: 'p1', openedAt: 10 },
		{ planId: 'p2', openedAt: 30 },
		{ planId: 'p3', openedAt: 20 }
	];

	it('drops the plans opened longest ago beyond the limit', () => {
		expect(recordOpened(copies, 'p4', 40, 3)).toEqual({
			copies: [
				{ planId: 'p4', openedAt: 40 },
				{ planId: 'p2', openedAt: 30 },
				{ planId: 'p3', openedAt: 20 }
			],
			dropped: ['p1']
		});
	});

	it('moves a plan opened again to the front without dropping anything', () => {
		const result = recordOpened(copies, 'p1', 50, 3);
		expect(result.dropped).toEqual([]);
		expect(result.copies.map((c) => c.planId)).toEqual(['p1', 'p2', 'p3']);
	});

	it('keeps the plan being opened even when the clock went back', () => {
		expect(recordOpened(copies, 'p4', 0, 1)).toEqual({
			copies: [{ planId: 'p4', openedAt: 0 }],
			dropped: ['p2', 'p3', 'p1']
		});
	});
});
