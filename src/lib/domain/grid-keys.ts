import { clamp, type Pos } from './selection.ts';

export interface KeyPress {
	key: string;
	/** Ctrl, or Cmd on a Mac. */
	ctrl: boolean;
	shift: boolean;
}

/** Where a key moves the focus; `extend` keeps the anchor (Shift selects a range). */
export interface KeyMove {
	/** Null when the key is the grid's but there is nowhere to go (Home with nothing selected). */
	to: Pos | null;
	extend: boolean;
}

const STEPS: Record<string, [number, number]> = {
	ArrowUp: [-1, 0],
	ArrowDown: [1, 0],
	ArrowLeft: [0, -1],
	ArrowRight: [0, 1]
};

/**
 * The spreadsheet navigation keys: arrows, Page Up/Down (a page of rows), Home/End (the row's
 * first/last month), Ctrl+Home/End (the grid's first/last cell), Tab and Shift+Tab. Null for any
 * other key. The target is kept inside the grid.
 */
export function keyMove(
	press: KeyPress,
	focus: Pos | null,
	rows: number,
	cols: number,
	page: number
): KeyMove | null {
	const { key, ctrl, shift } = press;
	const inside = (pos: Pos) => clamp(pos, rows, cols);
	if (ctrl) {
		if ((key !== 'Home' && key !== 'End') || rows === 0) return null;
		return {
			to: key === 'Home' ? { row: 0, col: 0 } : inside({ row: rows - 1, col: cols - 1 }),
			extend: shift
		};
	}
	const delta =
		STEPS[key] ??
		(key === 'PageUp'
			? [-page, 0]
			: key === 'PageDown'
				? [page, 0]
				: key === 'Tab'
					? [0, shift ? -1 : 1]
					: null);
	if (delta) {
		if (!focus) return { to: inside({ row: 0, col: 0 }), extend: false };
		return {
			to: inside({ row: focus.row + delta[0], col: focus.col + delta[1] }),
			extend: key !== 'Tab' && shift
		};
	}
	if (key === 'Home' || key === 'End') {
		return {
			to: focus && { row: focus.row, col: key === 'Home' ? 0 : cols - 1 },
			extend: shift
		};
	}
	return null;
}
