import { editRule, type EditAccess } from './cell-rules.ts';
import { spread } from './disaggregate.ts';
import { scopeId, type GridRow, type ItemRef } from './grid-rows.ts';
import { cellKey, decimalsOf } from './measures.ts';
import type { StepNumber } from './roles.ts';

export interface CellWrite {
	step: StepNumber;
	key: string;
	value: number | null;
}

export interface WriteContext {
	periods: readonly string[];
	access: EditAccess;
	/** Every item of a family (filters aside): the parts a family total is spread over. */
	itemsOf: (familyId: string) => readonly ItemRef[];
	/** The current typed value of a cell. */
	read: (step: StepNumber, key: string) => number | undefined;
}

/**
 * The cell writes that putting `value` (null clears) into one grid cell means: the cell itself,
 * or for a family total, its items' cells with the total spread in proportion. An error says why
 * the cell cannot take it.
 */
export function writesFor(
	row: GridRow,
	t: number,
	value: number | null,
	ctx: WriteContext
): { ok: true; writes: CellWrite[] } | { ok: false; error: string } {
	const rule = editRule(row.scope, row.measure, t, ctx.access);
	if (!rule.editable) return { ok: false, error: rule.reason };
	const m = row.measure;
	if (m.kind !== 'input') return { ok: false, error: `${m.label} is computed` };
	const period = ctx.periods[t];
	if (rule.mode === 'cell') {
		return {
			ok: true,
			writes: [{ step: m.step, key: cellKey(scopeId(row.scope), period, m.id), value }]
		};
	}
	if (row.scope.kind !== 'family') return { ok: false, error: `${m.label} cannot be spread here` };
	const items = ctx.itemsOf(row.scope.family.id);
	if (items.length === 0)
		return { ok: false, error: `${row.scope.family.name} has no items to spread over` };
	const keys = items.map((item) => cellKey(item.id, period, m.id));
	const parts =
		value === null
			? keys.map(() => null)
			: spread(
					value,
					keys.map((k) => ctx.read(m.step, k) ?? 0),
					decimalsOf(m.format)
				);
	return { ok: true, writes: keys.map((key, i) => ({ step: m.step, key, value: parts[i] })) };
}
