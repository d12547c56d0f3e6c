import { INPUT_MEASURES, type InputMeasure } from './measures.ts';
import type { FamilyRef, ItemRef, RowScope } from './grid-rows.ts';

/**
 * One value per period; NaN where there is no value. A plain array of doubles, not a
 * Float64Array: a plan's figures are tens of thousands of short series, and V8 allocates a typed
 * array several times slower (measured: rows of a 2,000-item plan read 2-3x faster as arrays).
 */
export type Series = number[];

/** A series of `length` periods with no values yet. */
export function emptySeries(length: number): Series {
	return new Array<number>(length).fill(NaN);
}
/** Series by measure id. */
export type Figures = Readonly<Record<string, Series>>;

/**
 * Figures the server computed from the plan's documents as it holds them, by owner id (an item's,
 * a family's, or 'total' for the plan): what a browser opening the plan shows until its own
 * documents are in.
 */
export type SavedFigures = ReadonlyMap<string, Figures>;

export type Flag = 'stockout' | 'below-safety' | 'over-capacity' | 'consensus-mismatch';

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

/**
 * What each derived measure means, as the grid's tooltips and the README say it; each is computed
 * below, in `computeItem`, `aggregate` and `finishRatios`.
 */
export const DEFINITIONS: Readonly<Record<string, string>> = {
	gap: 'Production + purchase receipts − consensus demand in the month; negative is short.',
	utilisation:
		'Production ÷ capacity of the family in the month; production against zero capacity is over capacity. ' +
		'On the plan row only families with capacity entered count, production and capacity alike.',
	inventory:
		'Opening inventory (first month) or last month’s projected inventory, + production + receipts − consensus demand. ' +
		'A family’s is the sum of its items’; the row is flagged red when any item is short.',
	cover:
		'Weeks the month-end projected inventory lasts against the following months’ consensus demand, ' +
		'each month counted by its real number of days. 0 at or below zero stock; “> horizon” when the stock outlasts the plan.',
	daysOfSupply: 'Weeks of cover in days: how many days the month-end projected inventory lasts.',
	revenue: 'Consensus demand × price.',
	vsBudget: 'Revenue − budget revenue.',
	margin: 'Revenue − consensus demand × unit cost.',
	marginPct: 'Gross margin ÷ revenue.',
	consensus:
		'Typed by the demand review. Flagged when it differs from sales forecast + marketing adjustment.'
};

/** Days in a month 'YYYY-MM'. */
export function daysInMonth(period: string): number {
	const [y, m] = period.split('-').map(Number);
	return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Days that `stock` (held at the end of month `t`) lasts against the consensus demand of the
 * months after it: 0 at or below zero stock, Infinity when it outlasts the horizon.
 */
export function daysOfCover(stock: number, demand: Series, days: readonly number[], t: number) {
	if (!(stock > 0)) return 0;
	let left = stock;
	let total = 0;
	for (let k = t + 1; k < demand.length; k++) {
		const d = n(demand[k]);
		if (d >= left) return total + (left / d) * days[k];
		left -= d;
		total += days[k];
	}
	return Infinity;
}

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
	'margin',
	// Counts of items short and of items whose consensus is not forecast + marketing (0 or 1 on an item).
	'itemsShort',
	'itemsMismatch'
] as const;

const ITEM_INPUTS = INPUT_MEASURES.filter((m) => m.level === 'item');
const CAPACITY = INPUT_MEASURES.find((m) => m.id === 'capacity')!;

const n = (x: number) => (Number.isNaN(x) ? 0 : x);
/** Production over capacity; any production against zero capacity is over it (Infinity). */
function utilisation(production: number, capacity: number): number {
	if (Number.isNaN(capacity)) return NaN;
	if (capacity !== 0) return n(production) / capacity;
	return n(production) > 0 ? Infinity : NaN;
}
const ratio = (a: number, b: number) =>
	b === 0 || Number.isNaN(a) || Number.isNaN(b) ? NaN : a / b;

/**
 * The plan's numbers: typed inputs, derived measures and totals per family and for the plan, as
 * the grid, charts and KPIs show them. Computed lazily and cached; `invalidate` drops what an edit
 * touched, so one keystroke recomputes one item, its family and the plan total.
 */
export class PlanFigures {
	private readonly itemCache = new Map<string, Record<string, Series>>();
	private readonly familyCache = new Map<string, Figures>();
	private totalCache: Figures | null = null;
	private readonly itemsOf = new Map<string, ItemRef[]>();
	private readonly familyOfItem = new Map<string, string>();
	private readonly P: number;
	private readonly days: number[];
	/** The figures of an item, and of a family or the plan, with nothing in them. */
	private blank: { item: Figures; group: Figures } | null = null;
	private saved: SavedFigures = new Map();

	constructor(
		private readonly shape: PlanShape,
		private readonly readRow: RowReader,
		/**
		 * Whether the cells are in. Until they are, every owner has blank figures, read from nothing
		 * and cached nowhere: a browser opening a plan would otherwise compute the whole plan from
		 * documents still empty, then again once they have loaded.
		 */
		private readonly loaded: () => boolean = () => true
	) {
		this.P = shape.periods.length;
		this.days = shape.periods.map(daysInMonth);
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

	/** Until the cells are in, owners with saved figures show those instead of blanks. */
	showSaved(saved: SavedFigures): void {
		this.saved = saved;
	}

	invalidateAll(): void {
		this.itemCache.clear();
		this.familyCache.clear();
		this.totalCache = null;
	}

	item(itemId: string): Figures {
		if (!this.loaded()) return this.saved.get(itemId) ?? this.blanks().item;
		const figures = this.itemInputs(itemId);
		// An item's ratios are for its own rows and charts; its family's sums do without them.
		if (!('cover' in figures)) this.finishRatios(figures);
		return figures;
	}

	/**
	 * An item's figures, where its ratios (cover, days of supply, margin %, against budget) may be
	 * missing: for passes over every item that read none of them (the KPIs, the ABC ranking),
	 * which would otherwise work out those ratios for each of thousands of items.
	 */
	itemSums(itemId: string): Figures {
		return this.loaded() ? this.itemInputs(itemId) : this.blanks().item;
	}

	/** An item's figures without its ratios: what its family adds up. */
	private itemInputs(itemId: string): Record<string, Series> {
		let figures = this.itemCache.get(itemId);
		if (!figures) this.itemCache.set(itemId, (figures = this.computeItem(itemId)));
		return figures;
	}

	family(familyId: string): Figures {
		if (!this.loaded()) return this.saved.get(familyId) ?? this.blanks().group;
		let figures = this.familyCache.get(familyId);
		if (!figures) {
			const items = (this.itemsOf.get(familyId) ?? []).map((i) => this.itemInputs(i.id));
			const capacity = this.readRow(CAPACITY, familyId);
			const f = this.aggregate(items, capacity);
			f.utilisation = this.series((t) => utilisation(f.production[t], capacity[t]));
			this.familyCache.set(familyId, (figures = f));
		}
		return figures;
	}

	total(): Figures {
		if (!this.loaded()) return this.saved.get('total') ?? this.blanks().group;
		if (!this.totalCache) {
			const families = this.shape.families.map((f) => this.family(f.id));
			const capacity = this.sumSeries(families.map((f) => f.capacity));
			const f = this.aggregate(families, capacity);
			// Like with like: only the production of families that have a capacity that month.
			const capacitated = this.sumSeries(
				families.map((fam) =>
					this.series((t) => (Number.isNaN(fam.capacity[t]) ? NaN : n(fam.production[t])))
				)
			);
			f.utilisation = this.series((t) => utilisation(capacitated[t], capacity[t]));
			this.totalCache = f;
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

	/**
	 * What is wrong in one period of an item, a family or the plan. A family or the plan is short
	 * when its own inventory is, or when any of its items is: items' surpluses do not hide another's
	 * stock-out.
	 */
	flags(figures: Figures, t: number): Flag[] {
		const out: Flag[] = [];
		const inventory = figures.inventory[t];
		if (inventory < 0 || figures.itemsShort[t] > 0) out.push('stockout');
		else if (inventory < figures.safety[t]) out.push('below-safety');
		if (figures.utilisation && figures.utilisation[t] > 1) out.push('over-capacity');
		if (figures.itemsMismatch[t] > 0) out.push('consensus-mismatch');
		return out;
	}

	/** Families without a capacity in month `t`: the plan's utilisation leaves them out. */
	withoutCapacity(t: number): FamilyRef[] {
		// Not known before the cells are in: every family would look as if it had none.
		if (!this.loaded()) return [];
		return this.shape.families.filter((f) => Number.isNaN(this.family(f.id).capacity[t]));
	}

	/** Whether any period of these figures is flagged (as short, below safety or over capacity). */
	hasFlags(figures: Figures): boolean {
		for (let t = 0; t < this.P; t++) {
			if (this.flags(figures, t).some((flag) => flag !== 'consensus-mismatch')) return true;
		}
		return false;
	}

	private series(valueAt: (t: number) => number | undefined): Series {
		const s = new Array<number>(this.P);
		for (let t = 0; t < this.P; t++) s[t] = valueAt(t) ?? NaN;
		return s;
	}

	private blanks(): { item: Figures; group: Figures } {
		if (!this.blank) {
			const group = this.aggregate([], emptySeries(this.P));
			group.utilisation = emptySeries(this.P);
			const item = this.computeItem('', () => emptySeries(this.P));
			this.finishRatios(item);
			this.blank = { item, group };
		}
		return this.blank;
	}

	private computeItem(itemId: string, readRow: RowReader = this.readRow): Record<string, Series> {
		const f: Record<string, Series> = {};
		for (const m of ITEM_INPUTS) {
			f[m.id] = readRow(m, itemId);
			if (m.firstPeriodOnly) f[m.id].fill(NaN, 1);
		}
		// Read into locals once: a figures record has too many keys to stay a fast object, and each
		// lookup in the loop below would be a hash lookup (the plan total computes 2,000 items).
		const { consensus, forecast, marketing, production, receipts, price, cost } = f;
		const opening = n(f.opening[0]);
		const P = this.P;
		const gap = new Array<number>(P);
		const inventory = new Array<number>(P);
		const revenue = new Array<number>(P);
		const margin = new Array<number>(P);
		const itemsShort = new Array<number>(P);
		// 1 where the consensus differs from sales forecast + marketing adjustment (a flag, not a block).
		const itemsMismatch = new Array<number>(P);
		for (let t = 0; t < P; t++) {
			const demand = n(consensus[t]);
			gap[t] = n(production[t]) + n(receipts[t]) - demand;
			inventory[t] = (t === 0 ? opening : inventory[t - 1]) + gap[t];
			revenue[t] = demand * n(price[t]);
			margin[t] = revenue[t] - demand * n(cost[t]);
			itemsShort[t] = inventory[t] < 0 ? 1 : 0;
			const typed = consensus[t];
			const sales = forecast[t];
			itemsMismatch[t] =
				Number.isNaN(typed) || Number.isNaN(sales)
					? 0
					: Math.abs(typed - (sales + n(marketing[t]))) > 1e-9
						? 1
						: 0;
		}
		Object.assign(f, { gap, inventory, revenue, margin, itemsShort, itemsMismatch });
		return f;
	}

	/** Family or plan figures from their parts. */
	private aggregate(parts: Figures[], capacity: Series): Record<string, Series> {
		const f: Record<string, Series> = {};
		for (const id of ADDITIVE) f[id] = this.sumSeries(parts.map((p) => p[id]));
		f.capacity = capacity;
		f.price = this.series((t) => ratio(f.revenue[t], f.consensus[t]));
		f.cost = this.series((t) => ratio(f.revenue[t] - f.margin[t], f.consensus[t]));
		this.finishRatios(f);
		return f;
	}

	/** Measures that are ratios of other figures, computed the same way at every level. */
	private finishRatios(f: Record<string, Series>) {
		const { revenue, budget, margin, inventory, consensus } = f;
		const P = this.P;
		const vsBudget = new Array<number>(P);
		const marginPct = new Array<number>(P);
		const daysOfSupply = new Array<number>(P);
		const cover = new Array<number>(P);
		for (let t = 0; t < P; t++) {
			vsBudget[t] = revenue[t] - n(budget[t]);
			marginPct[t] = ratio(margin[t], revenue[t]);
			daysOfSupply[t] = daysOfCover(inventory[t], consensus, this.days, t);
			cover[t] = daysOfSupply[t] / 7;
		}
		Object.assign(f, { vsBudget, marginPct, daysOfSupply, cover });
	}

	/** Sum per period of the parts that have a value; NaN where none has. */
	private sumSeries(parts: Series[]): Series {
		const s = emptySeries(this.P);
		for (const p of parts) {
			for (let t = 0; t < this.P; t++) {
				const v = p[t];
				if (!Number.isNaN(v)) s[t] = Number.isNaN(s[t]) ? v : s[t] + v;
			}
		}
		return s;
	}
}
