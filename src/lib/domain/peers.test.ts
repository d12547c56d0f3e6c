import { describe, expect, it } from 'vitest';
import { peerSelections } from './peers';

// Cells referenced by name; 'hidden' is on a row this view does not show.
const positions: Record<string, { row: number; col: number }> = {
	a: { row: 1, col: 1 },
	b: { row: 3, col: 4 }
};
const posOf = (ref: string) => positions[ref] ?? null;

describe('peerSelections', () => {
	it("shows others' selections as boxes, never my own or no selection", () => {
		expect(
			peerSelections(
				[
					{ clientId: 1, user: 'me', selection: { anchor: 'a', focus: 'b' } },
					{ clientId: 2, user: 'ada', selection: { anchor: 'b', focus: 'a' } },
					{ clientId: 3, user: 'sam', selection: null }
				],
				1,
				posOf
			)
		).toEqual([
			{ user: 'ada', focus: { row: 1, col: 1 }, box: { top: 1, bottom: 3, left: 1, right: 4 } }
		]);
	});

	it('leaves out a focus on a hidden row and shrinks a hidden anchor to the focus', () => {
		const peers = peerSelections(
			[
				{ clientId: 2, user: 'ada', selection: { anchor: 'a', focus: 'hidden' } },
				{ clientId: 3, user: 'sam', selection: { anchor: 'hidden', focus: 'b' } }
			],
			1,
			posOf
		);
		expect(peers).toEqual([
			{ user: 'sam', focus: { row: 3, col: 4 }, box: { top: 3, bottom: 3, left: 4, right: 4 } }
		]);
	});
});
