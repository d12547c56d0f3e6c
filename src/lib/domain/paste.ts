import type { GridRow } from './grid-rows.ts';
import type { Bounds, Pos } from './selection.ts';

export interface PasteTarget {
	pos: Pos;
	text: string;
}

export type PastePlan =
	{ ok: true; targets: PasteTarget[]; last: Pos } | { ok: false; error: string };

/** Item rows, and total rows (plan and family totals): a paste stays on the level it starts on. */
const isTotal = (row: GridRow) => row.scope.kind !== 'item';

/**
 * Where a pasted block lands in the grid's current rows. One value fills the selection, as in a
 * spreadsheet; a block lands with its top-left at the selection's top-left. Lines go to the rows
 * of the level they were pasted on: a block pasted on an item row skips the family and plan totals
 * in between (a line never lands on a total and gets spread over items the person did not aim
 * at), and a block pasted on a total row goes to the totals only. Months are consecutive.
 */
export function pasteTargets(
	rows: readonly GridRow[],
	periodCount: number,
	box: Bounds,
	block: readonly (readonly string[])[]
): PastePlan {
	const single = block.length === 1 && block[0].length === 1;
	const width = single ? box.right - box.left + 1 : Math.max(...block.map((line) => line.length));
	const start = rows[box.top];
	const sameLevel = (r: number) => isTotal(rows[r]) === isTotal(start);
	const lastRow = single ? box.bottom : rows.length - 1;
	const rowIndices: number[] = [];
	for (let r = box.top; r <= lastRow && (single || rowIndices.length < block.length); r++) {
		if (sameLevel(r)) rowIndices.push(r);
	}
	const height = single ? rowIndices.length : block.length;
	const size = `The pasted block (${block.length} × ${width}) does not fit from here`;
	if (box.left + width > periodCount) return { ok: false, error: `${size}.` };
	if (rowIndices.length < height) {
		const why = isTotal(start)
			? 'not enough total rows below (pasted on a total, it skips the item rows)'
			: 'not enough item rows below (pasted on an item, it skips the family and plan totals)';
		return { ok: false, error: `${size}: ${why}.` };
	}
	const targets: PasteTarget[] = [];
	rowIndices.forEach((row, r) => {
		for (let c = 0; c < width; c++) {
			const text = single ? block[0][0] : (block[r][c] ?? '');
			targets.push({ pos: { row, col: box.left + c }, text });
		}
	});
	return { ok: true, targets, last: { row: rowIndices[height - 1], col: box.left + width - 1 } };
}
