import * as Y from 'yjs';
import { BASE_MAP, INPUT_MEASURES, rowKey } from '../domain/measures.ts';
import { stepDocument } from '../domain/documents.ts';
import type { StepNumber } from '../domain/roles.ts';
import type { Queryable } from './db/index.ts';

export interface SeedValue {
	ownerId: string;
	period: string;
	measureId: string;
	value: number;
}

/**
 * Writes a new plan's values into its step documents as their first snapshots (the `base` rows),
 * so that a plan from demo data or an import opens with numbers without replaying an update per
 * cell.
 */
export async function seedStepDocuments(
	db: Queryable,
	planId: string,
	periods: readonly string[],
	values: readonly SeedValue[]
): Promise<void> {
	const stepOf = new Map(INPUT_MEASURES.map((m) => [m.id, m.step]));
	const periodIndex = new Map(periods.map((p, i) => [p, i]));
	const rows = new Map<StepNumber, Map<string, (number | null)[]>>();
	for (const v of values) {
		const step = stepOf.get(v.measureId);
		const t = periodIndex.get(v.period);
		if (!step) throw new Error(`Unknown measure ${v.measureId}`);
		if (t === undefined) throw new Error(`${v.period} is not a month of this plan`);
		let byRow = rows.get(step);
		if (!byRow) rows.set(step, (byRow = new Map()));
		const key = rowKey(v.ownerId, v.measureId);
		let row = byRow.get(key);
		if (!row) byRow.set(key, (row = periods.map(() => null)));
		row[t] = v.value;
	}
	for (const [step, byRow] of rows) {
		const doc = new Y.Doc();
		const base = doc.getMap<(number | null)[]>(BASE_MAP);
		doc.transact(() => {
			for (const [key, row] of byRow) base.set(key, row);
		});
		await db.query(`insert into yjs_snapshots (doc, state, last_update_id) values ($1, $2, 0)`, [
			stepDocument(planId, step),
			Y.encodeStateAsUpdate(doc)
		]);
		doc.destroy();
	}
}
