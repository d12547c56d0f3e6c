import type { PlanCells } from '../../src/lib/domain/cell-rules.ts';
import { periods } from '../../src/lib/domain/periods.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import type { HierarchyChange } from '../../src/lib/sync/server-write.ts';
import { getHierarchy, getPlan } from '../../src/lib/server/plans.ts';

interface KnownCells extends PlanCells {
	items: Set<string>;
	families: Set<string>;
}

/**
 * Each plan's items, families and months, read once per plan: the cell guard checks every key
 * against them. A plan's horizon is fixed when it is created (the next cycle is a new plan); its
 * hierarchy only grows, through the door (`extend`), and loaded rooms share the sets it grows.
 */
export class PlanCellsCache {
	private readonly plans = new Map<string, Promise<KnownCells>>();

	constructor(private readonly db: () => Promise<Queryable>) {}

	/** Takes in rows the door just added, so the cell guard accepts edits of them at once. */
	async extend(planId: string, change: HierarchyChange): Promise<void> {
		const cells = await this.plans.get(planId)?.catch(() => null);
		if (!cells) return;
		for (const f of change.families) cells.families.add(f.id);
		for (const i of change.items) cells.items.add(i.id);
	}

	/** Forgets the plan's cells: another process may have added rows to it. */
	forget(planId: string): void {
		this.plans.delete(planId);
	}

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

	private async read(planId: string): Promise<KnownCells> {
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
