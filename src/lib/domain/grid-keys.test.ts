import { describe, expect, it } from 'vitest';
import { keyMove } from './grid-keys';

const press = (key: string, mods: { ctrl?: boolean; shift?: boolean } = {}) => ({
	key,
	ctrl: mods.ctrl ?? false,
	shift: mods.shift ?? false
});
const at = { row: 5, col: 3 };

describe('keyMove', () => {
	it('moves by arrows and pages, and Shift extends the selection', () => {
		expect(keyMove(press('ArrowDown'), at, 50, 12, 20)).toEqual({
			to: { row: 6, col: 3 },
			extend: false
		});
		expect(keyMove(press('ArrowLeft', { shift: true }), at, 50, 12, 20)).toEqual({
			to: { row: 5, col: 2 },
			extend: true
		});
		expect(keyMove(press('PageDown'), at, 50, 12, 20)?.to).toEqual({ row: 25, col: 3 });
		expect(keyMove(press('PageUp'), at, 50, 12, 20)?.to).toEqual({ row: 0, col: 3 });
	});

	it('Tab and Shift+Tab move sideways without extending', () => {
		expect(keyMove(press('Tab', { shift: true }), at, 50, 12, 20)).toEqual({
			to: { row: 5, col: 2 },
			extend: false
		});
	});

	it('Home and End go to the ends of the row; Ctrl+Home and Ctrl+End to the ends of the grid', () => {
		expect(keyMove(press('End'), at, 50, 12, 20)?.to).toEqual({ row: 5, col: 11 });
		expect(keyMove(press('Home'), at, 50, 12, 20)?.to).toEqual({ row: 5, col: 0 });
		expect(keyMove(press('Home', { ctrl: true }), at, 50, 12, 20)?.to).toEqual({ row: 0, col: 0 });
		expect(keyMove(press('End', { ctrl: true, shift: true }), null, 50, 12, 20)).toEqual({
			to: { row: 49, col: 11 },
			extend: true
		});
	});

	it('starts at the first cell when nothing is selected; Home then has nowhere to go', () => {
		expect(keyMove(press('ArrowRight'), null, 50, 12, 20)?.to).toEqual({ row: 0, col: 0 });
		expect(keyMove(press('Home'), null, 50, 12, 20)).toEqual({ to: null, extend: false });
	});

	it('leaves every other key, and Ctrl with anything but Home or End, to others', () => {
		expect(keyMove(press('Enter'), at, 50, 12, 20)).toBeNull();
		expect(keyMove(press('ArrowDown', { ctrl: true }), at, 50, 12, 20)).toBeNull();
		expect(keyMove(press('End', { ctrl: true }), at, 0, 12, 20)).toBeNull();
	});
});
