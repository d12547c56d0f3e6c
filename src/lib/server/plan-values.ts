import { INPUT_MEASURES, rowKey } from '../domain/measures.ts';
import { stepDocument } from '../domain/documents.ts';
import type { StepNumber } from '../domain/roles.ts';
import type { WriteActor } from '../sync/server-write.ts';
import type { Db } from './db/index.ts';
import { writeStep } from './plan-writes.ts';

export interface SeedValue {
	ownerId: string;
	period: string;
	measureId: string;
	value: number;
}

/**
 * Sets whole rows of a plan's step documents (their `base` rows) from a list of values, one
 * server-side write per step, so that a plan from demo data, the next cycle or an import opens
 * with numbers without an update per cell. Rows not named keep what they hold; a row named is
 * replaced whole (null where no value is given).
 */
export async function seedStepDocuments(
	db: Db,
	planId: string,
	periods: readonly string[],
	values: readonly SeedValue[],
	actor: WriteActor
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
		await writeStep(db, stepDocument(planId, step), actor, { base: [...byRow] });
	}
}
