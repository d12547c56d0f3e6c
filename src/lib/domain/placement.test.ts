import { describe, expect, it } from 'vitest';
import { besideCell } from './placement';

const frame = { top: 100, bottom: 600, left: 50, width: 800, height: 500 };
const own = { width: 300, height: 40 };

describe('besideCell', () => {
	it('puts the message just below the cell, aligned with its left edge', () => {
		expect(besideCell({ top: 200, bottom: 232, left: 400 }, frame, own)).toEqual({
			top: 136,
			left: 350
		});
	});

	it('goes above a cell near the bottom edge', () => {
		expect(besideCell({ top: 560, bottom: 592, left: 400 }, frame, own)).toEqual({
			top: 416,
			left: 350
		});
	});

	it('stays inside the frame beside a cell at the right edge or scrolled out of sight', () => {
		expect(besideCell({ top: 200, bottom: 232, left: 820 }, frame, own).left).toBe(496);
		expect(besideCell({ top: -400, bottom: -368, left: 400 }, frame, own).top).toBe(0);
	});
});
