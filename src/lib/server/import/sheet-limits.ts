import type { SheetRow } from '../../domain/import/types.ts';
import { Refusal } from '../refusal.ts';
import { MAX_CELLS, MAX_COLUMNS } from './limits.ts';

const count = (n: number) => n.toLocaleString('en');

export function tooManyColumns(): Refusal {
	return new Refusal(
		`The sheet has more than ${count(MAX_COLUMNS)} columns; leave out the columns the plan does not need`,
		413
	);
}

export function tooManyCells(): Refusal {
	return new Refusal(
		`The sheet has more than ${count(MAX_CELLS)} filled cells; split it into smaller files`,
		413
	);
}

/** Refuses rows past the limits of one import (a CSV's, read whole before counting). */
export function checkSize(rows: readonly SheetRow[]): void {
	let cells = 0;
	for (const row of rows) {
		if (row.cells.length > MAX_COLUMNS) throw tooManyColumns();
		for (const c of row.cells) if (c !== null) cells++;
		if (cells > MAX_CELLS) throw tooManyCells();
	}
}
