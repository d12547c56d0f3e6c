/** A cell position in the grid's current row order: row index and period index. */
export interface Pos {
	row: number;
	col: number;
}

/** A rectangular selection: the anchor where it started and the focus that moves. */
export interface Selection {
	anchor: Pos;
	focus: Pos;
}

export interface Bounds {
	top: number;
	left: number;
	bottom: number;
	right: number;
}

export function bounds(s: Selection): Bounds {
	return {
		top: Math.min(s.anchor.row, s.focus.row),
		bottom: Math.max(s.anchor.row, s.focus.row),
		left: Math.min(s.anchor.col, s.focus.col),
		right: Math.max(s.anchor.col, s.focus.col)
	};
}

export function contains(b: Bounds, row: number, col: number): boolean {
	return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

export function clamp(pos: Pos, rows: number, cols: number): Pos {
	return {
		row: Math.min(Math.max(pos.row, 0), rows - 1),
		col: Math.min(Math.max(pos.col, 0), cols - 1)
	};
}
