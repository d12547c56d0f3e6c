import * as Y from 'yjs';
import { CELLS_MAP, cellKey, INPUT_MEASURES } from '../domain/measures.ts';
import { stepDocument } from '../domain/documents.ts';
import type { StepNumber } from '../domain/roles.ts';
import type { Queryable } from './db/index.ts';

export type CellValues = Map<string, number>;

/**
 * Writes initial cell values into the plan's step documents as their first snapshots, so that a
 * new plan (demo data, an import) opens with numbers without replaying one update per cell.
 */
export async function seedStepDocuments(
	db: Queryable,
	planId: string,
	values: { ownerId: string; period: string; measureId: string; value: number }[]
): Promise<void> {
	const docs = new Map<StepNumber, Y.Doc>();
	const stepOf = new Map(INPUT_MEASURES.map((m) => [m.id, m.step]));
	for (const v of values) {
		const step = stepOf.get(v.measureId);
		if (!step) throw new Error(`Unknown measure ${v.measureId}`);
		let doc = docs.get(step);
		if (!doc) docs.set(step, (doc = new Y.Doc()));
		doc.getMap<number>(CELLS_MAP).set(cellKey(v.ownerId, v.period, v.measureId), v.value);
	}
	for (const [step, doc] of docs) {
		await db.query(`insert into yjs_snapshots (doc, state, last_update_id) values ($1, $2, 0)`, [
			stepDocument(planId, step),
			Y.encodeStateAsUpdate(doc)
		]);
		doc.destroy();
	}
}
