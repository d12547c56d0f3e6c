import { rowKey, type InputMeasure } from '../measures.ts';
import { emptySeries, type RowReader, type Series } from '../plan-figures.ts';

/**
 * The typed values a replay shows, as rows of months (NaN where empty), changed one cell at a time
 * as the cursor moves. Reads as the figures' `RowReader`.
 */
export class ReplayValues {
	private readonly rows = new Map<string, Series>();

	constructor(
		private readonly months: number,
		rows: Readonly<Record<string, readonly (number | null)[]>>
	) {
		for (const [key, row] of Object.entries(rows)) {
			const out = this.row(key);
			for (let t = 0; t < months; t++) out[t] = row[t] ?? NaN;
		}
	}

	/** Sets one month of a row; null empties it. */
	set(row: string, t: number, value: number | null): void {
		this.row(row)[t] = value ?? NaN;
	}

	/** One cell's value, null where empty. */
	get(row: string, t: number): number | null {
		const v = this.rows.get(row)?.[t];
		return v === undefined || Number.isNaN(v) ? null : v;
	}

	/** The figures copy what they read: they keep the series while the replay moves on. */
	readonly reader: RowReader = (m: InputMeasure, ownerId: string): Series => {
		const row = this.rows.get(rowKey(ownerId, m.id));
		return row ? row.slice() : emptySeries(this.months);
	};

	private row(key: string): Series {
		let row = this.rows.get(key);
		if (!row) this.rows.set(key, (row = emptySeries(this.months)));
		return row;
	}
}
