import { INPUT_MEASURES, type InputMeasure } from './measures.ts';
import type { FamilyRef, ItemRef, RowScope } from './grid-rows.ts';

/** One value per period; NaN where there is no value. */
export type Series = Float64Array;
/** Series by measure id. */
export type Figures = Readonly<Record<string, Series>>;

export type Flag = 'stockout' | 'below-safety' | 'over-capacity';

export interface PlanShape {
	families: readonly FamilyRef[];
	items: readonly ItemRef[];
	periods: readonly string[];
}

/**
 * Reads one row of typed values: an item's (or, for family-level measures, a family's) values of
 * one measure, one per period, NaN where empty: a fresh array the figures keep.
 */
export type RowReader = (m: InputMeasure, ownerId: string) => Series;

export const WEEKS_PER_MONTH = 52 / 12;

/** Measures whose family and plan figures are the sum of their parts. */
const ADDITIVE = [
	'baseline',
	'actual',
	'forecast',
	'marketing',
	'consensus',
	'production',
	'receipts',
	'gap',
	'opening',
	'inventory',
	'safety',
	'revenue',
	'budget',
	'margin'
] as const;

const ITEM_INPUTS = INPUT_MEASURES.filter((m) => m.level === 'item');
const CAPACITY = INPUT_MEASURES.find((m) => m.id === 'capacity')!;

const n = (x: number) => (Number.isNaN(x) ? 0 : x);
const ratio = (a: number, b: number) =>
	b === 0 || Number.isNaN(a) || Number.isNaN(b) ? NaN : a / b;

/**
 * The plan's numbers: typed inputs, derived measures and totals per family and for the plan, as
 * the grid, charts and KPIs show them. Computed lazily and cached; `invalidate` drops what an edit
 * touched, so one keystroke recomputes one item, its family and the plan total.
 */
export class PlanFigures {
	private readonly itemCache = new Map<string, Figures>();
	private readonly familyCache = new Map<string, Figures>();
	private totalCache: Figures | null = null;
	private readonly itemsOf = new Map<string, ItemRef[]>();
	private readonly familyOfItem = new Map<string, string>();
	private readonly P: number;

	constructor(
		private readonly shape: PlanShape,
		private readonly readRow: RowReader
	) {
		this.P = shape.periods.length;
		for (const f of shape.families) this.itemsOf.set(f.id, []);
		for (const item of shape.items) {
			this.itemsOf.get(item.family_id)?.push(item);
			this.familyOfItem.set(item.id, item.family_id);
		}
	}

	/** Forgets the figures of the given items or families (whose cells changed), and the totals above them. */
	invalidate(ownerIds: Iterable<string>): void {
		for (const id of ownerIds) {
			const family = this.familyOfItem.get(id) ?? (this.itemsOf.has(id) ? id : undefined);
			if (family === undefined) continue;
			this.itemCache.delete(id);
			this.familyCache.delete(family);
			this.totalCache = null;
		}
	}

	invalidateAll(): void {
		this.itemCache.clear();
		this.familyCache.clear();
		this.totalCache = null;
	}

	item(itemId: string): Figures {
		let figures = this.itemCache.get(itemId);
		if (!figures) this.itemCache.set(itemId, (figures = this.computeItem(itemId)));
		return figures;
	}

	family(familyId: string): Figures {
		let figures = this.familyCache.get(familyId);
		if (!figures) {
			const items = (this.itemsOf.get(familyId) ?? []).map((i) => this.item(i.id));
			const capacity = this.readRow(CAPACITY, familyId);
			this.familyCache.set(familyId, (figures = this.aggregate(items, capacity)));
		}
		return figures;
	}

	total(): Figures {
		if (!this.totalCache) {
			const families = this.shape.families.map((f) => this.family(f.id));
			const capacity = this.sumSeries(families.map((f) => f.capacity));
			this.totalCache = this.aggregate(families, capacity);
		}
		return this.totalCache;
	}

	/** The figures a grid row or a chart shows: the plan's, a family's or an item's. */
	of(scope: RowScope): Figures {
		return scope.kind === 'total'
			? this.total()
			: scope.kind === 'family'
				? this.family(scope.family.id)
				: this.item(scope.item.id);
	}

	/** What is wrong in one period of an item or a family. */
	flags(figures: Figures, t: number): Flag[] {
		const out: Flag[] = [];
		const inventory = figures.inventory[t];
		if (inventory < 0) out.push('stockout');
		else if (inventory < figures.safety[t]) out.push('below-safety');
		if (figures.utilisation && figures.utilisation[t] > 1) out.push('over-capacity');
		return out;
	}

	/** Whether any period of these figures is flagged. */
	hasFlags(figures: Figures): boolean {
		for (let t = 0; t < this.P; t++) if (this.flags(figures, t).length) return true;
		return false;
	}

	private series(valueAt: (t: number) => number | undefined): Series {
		const s = new Float64Array(this.P);
		for (let t = 0; t < this.P; t++) s[t] = valueAt(t) ?? NaN;
		return s;
	}

	private computeItem(itemId: string): Figures {
		const f: Record<string, Series> = {};
		for (const m of ITEM_INPUTS) {
			f[m.id] = this.readRow(m, itemId);
			if (m.firstPeriodOnly) f[m.id].fill(NaN, 1);
		}
		const gap = new Float64Array(this.P);
		const inventory = new Float64Array(this.P);
		const revenue = new Float64Array(this.P);
		const margin = new Float64Array(this.P);
		for (let t = 0; t < this.P; t++) {
			const demand = n(f.consensus[t]);
			gap[t] = n(f.production[t]) + n(f.receipts[t]) - demand;
			inventory[t] = (t === 0 ? n(f.opening[0]) : inventory[t - 1]) + gap[t];
			revenue[t] = demand * n(f.price[t]);
			margin[t] = revenue[t] - demand * n(f.cost[t]);
		}
		Object.assign(f, { gap, inventory, revenue, margin });
		this.finishRatios(f);
		return f;
	}

	/** Family or plan figures from their parts. */
	private aggregate(parts: Figures[], capacity: Series): Figures {
		const f: Record<string, Series> = {};
		for (const id of ADDITIVE) f[id] = this.sumSeries(parts.map((p) => p[id]));
		f.capacity = capacity;
		f.price = this.series((t) => ratio(f.revenue[t], f.consensus[t]));
		f.cost = this.series((t) => ratio(f.revenue[t] - f.margin[t], f.consensus[t]));
		f.utilisation = this.series((t) => ratio(f.production[t], capacity[t]));
		this.finishRatios(f);
		return f;
	}

	/** Measures that are ratios of other figures, computed the same way at every level. */
	private finishRatios(f: Record<string, Series>) {
		f.vsBudget = this.series((t) => f.revenue[t] - n(f.budget[t]));
		f.marginPct = this.series((t) => ratio(f.margin[t], f.revenue[t]));
		f.cover = this.series((t) => {
			const nextDemand = n(f.consensus[Math.min(t + 1, this.P - 1)]);
			return ratio(f.inventory[t], nextDemand / WEEKS_PER_MONTH);
		});
	}

	/** Sum per period of the parts that have a value; NaN where none has. */
	private sumSeries(parts: Series[]): Series {
		const s = new Float64Array(this.P).fill(NaN);
		for (const p of parts) {
			for (let t = 0; t < this.P; t++) {
				const v = p[t];
				if (!Number.isNaN(v)) s[t] = Number.isNaN(s[t]) ? v : s[t] + v;
			}
		}
		return s;
	}
}
