import type { PlanCells } from '../../src/lib/domain/cell-rules.ts';
import { periods } from '../../src/lib/domain/periods.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import { getHierarchy, getPlan } from '../../src/lib/server/plans.ts';

/**
 * Each plan's items, families and months, read once per plan: the cell guard checks every key
 * against them. A plan's hierarchy and horizon are fixed when it is created (the next cycle is a
 * new plan), so what was read stays true.
 */
export class PlanCellsCache {
	private readonly plans = new Map<string, Promise<PlanCells>>();

	constructor(private readonly db: () => Promise<Queryable>) {}

	get(planId: string): Promise<PlanCells> {
		let cells = this.plans.get(planId);
		if (!cells) {
			cells = this.read(planId);
			this.plans.set(planId, cells);
			// A failed read is tried again by the next room that loads.
			cells.catch(() => this.plans.delete(planId));
		}
		return cells;
	}

	private async read(planId: string): Promise<PlanCells> {
		const db = await this.db();
		const plan = await getPlan(db, planId);
		if (!plan) throw new Error(`plan ${planId} not found`);
		const { families, items } = await getHierarchy(db, planId);
		return {
			items: new Set(items.map((i) => i.id)),
			families: new Set(families.map((f) => f.id)),
			periods: periods(plan.start_month, plan.horizon)
		};
	}
}
