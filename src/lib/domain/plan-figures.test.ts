import { describe, expect, it } from 'vitest';
import { cellKey, MEASURES, type InputMeasure } from './measures';
import { DEFINITIONS, PlanFigures, daysOfCover } from './plan-figures';

const periods = ['2027-01', '2027-02', '2027-03'];
const families = [
	{ id: 'f1', name: 'Bikes' },
	{ id: 'f2', name: 'Parts' }
];
const items = [
	{ id: 'a', family_id: 'f1', sku: 'A', name: 'A' },
	{ id: 'b', family_id: 'f1', sku: 'B', name: 'B' },
	{ id: 'c', family_id: 'f2', sku: 'C', name: 'C' }
];

function figuresOf(cells: Record<string, number>) {
	const reads: string[] = [];
	const figures = new PlanFigures(
		{ families, items, periods },
		(m: InputMeasure, owner: string) => {
			reads.push(`${owner}:${m.id}`);
			return periods.map((period) => cells[cellKey(owner, period, m.id)] ?? NaN);
		}
	);
	return { figures, reads, cells };
}

/** cells for one owner: measure → values per period */
function row(owner: string, values: Record<string, (number | undefined)[]>) {
	const out: Record<string, number> = {};
	for (const [m, vs] of Object.entries(values)) {
		vs.forEach((v, t) => v !== undefined && (out[cellKey(owner, periods[t], m)] = v));
	}
	return out;
}

describe('item figures', () => {
	const { figures } = figuresOf({
		...row('a', {
			opening: [100],
			production: [50, 50, 0],
			receipts: [0, 10, 0],
			consensus: [80, 100, 120],
			safety: [50, 50, 50],
			price: [10, 10, 12],
			cost: [6, 6, 6],
			budget: [900, 1000, 1000]
		})
	});
	const a = figures.item('a');

	it('rolls projected inventory month to month from the opening stock', () => {
		// 100 + 50 − 80 = 70; 70 + 60 − 100 = 30; 30 + 0 − 120 = −90
		expect(a.inventory).toEqual([70, 30, -90]);
		expect(a.gap).toEqual([-30, -40, -120]);
	});

	it('keeps opening inventory to the first month', () => {
		expect(a.opening).toEqual([100, NaN, NaN]);
	});

	it('counts cover in the real days of the following months, 0 at or below zero stock', () => {
		// 70 at the end of January lasts 70/100 of February's 28 days.
		expect(a.daysOfSupply[0]).toBeCloseTo(19.6);
		expect(a.cover[0]).toBeCloseTo(19.6 / 7);
		// 30 lasts 30/120 of March's 31 days.
		expect(a.daysOfSupply[1]).toBeCloseTo(7.75);
		// A stock-out has no cover (it was −3.57 weeks).
		expect(a.cover[2]).toBe(0);
	});

	it('computes revenue, margin, margin % and revenue against budget', () => {
		expect(a.revenue).toEqual([800, 1000, 1440]);
		expect(a.margin).toEqual([320, 400, 720]);
		expect(a.marginPct[2]).toBeCloseTo(0.5);
		expect(a.vsBudget).toEqual([-100, 0, 440]);
	});

	it('flags below-safety and stock-out months', () => {
		expect(figures.flags(a, 0)).toEqual([]);
		expect(figures.flags(a, 1)).toEqual(['below-safety']);
		expect(figures.flags(a, 2)).toEqual(['stockout']);
		expect(figures.hasFlags(a)).toBe(true);
	});

	it('leaves ratios blank where they divide by zero', () => {
		const empty = figures.item('c');
		expect(Number.isNaN(empty.marginPct[0])).toBe(true);
		expect(empty.cover[0]).toBe(0);
		expect(empty.inventory).toEqual([0, 0, 0]);
	});
});

describe('family and plan totals', () => {
	const { figures } = figuresOf({
		...row('a', {
			consensus: [10, 10, 10],
			production: [20, 20, 20],
			price: [5, 5, 5],
			cost: [1, 1, 1]
		}),
		...row('b', {
			consensus: [30, 30, 30],
			production: [0, 40, 0],
			price: [10, 10, 10],
			cost: [2, 2, 2]
		}),
		...row('c', { consensus: [1, 1, 1], forecast: [7, undefined, 7] }),
		...row('f1', { capacity: [40, 50, 0] }),
		...row('f2', { capacity: [10, 10, 10] })
	});

	it('sums additive measures over the family', () => {
		const f1 = figures.family('f1');
		expect(f1.consensus).toEqual([40, 40, 40]);
		expect(f1.revenue).toEqual([350, 350, 350]);
		expect(f1.inventory).toEqual([-20, 0, -20]);
	});

	it('weights price and cost by demand', () => {
		const f1 = figures.family('f1');
		expect(f1.price[0]).toBeCloseTo(350 / 40);
		expect(f1.cost[0]).toBeCloseTo(70 / 40);
		expect(f1.marginPct[0]).toBeCloseTo(280 / 350);
	});

	it('computes capacity utilisation per family and flags overload', () => {
		const f1 = figures.family('f1');
		// 20 against a capacity of 0 is over capacity.
		expect(f1.utilisation).toEqual([0.5, 1.2, Infinity]);
		expect(figures.flags(f1, 1)).toContain('over-capacity');
		expect(figures.flags(f1, 0)).not.toContain('over-capacity');
	});

	it('leaves a sum blank only where no part has a value', () => {
		expect(figures.family('f2').forecast).toEqual([7, NaN, 7]);
	});

	it('hands out the figures of a grid row by its scope', () => {
		expect(figures.of({ kind: 'total' })).toBe(figures.total());
		expect(figures.of({ kind: 'family', family: families[0], itemCount: 2 })).toBe(
			figures.family('f1')
		);
		expect(figures.of({ kind: 'item', item: items[2] })).toBe(figures.item('c'));
	});

	it('totals the plan over families, capacity included', () => {
		const total = figures.total();
		expect(total.consensus).toEqual([41, 41, 41]);
		expect(total.capacity).toEqual([50, 60, 10]);
		expect(total.utilisation[1]).toBeCloseTo(60 / 60);
	});
});

describe('caching', () => {
	it('recomputes only what an edit touched', () => {
		const { figures, reads, cells } = figuresOf(row('a', { consensus: [1, 1, 1] }));
		figures.total();
		const before = reads.length;
		figures.total();
		expect(reads.length).toBe(before);

		cells[cellKey('a', periods[0], 'consensus')] = 5;
		figures.invalidate(['a']);
		expect(figures.total().consensus[0]).toBe(5);
		const itemInputs = reads.length - before;
		// Item a's inputs again, and family f1's capacity; nothing of items b or c.
		expect(reads.slice(before).every((k) => k.startsWith('a:') || k.startsWith('f1:'))).toBe(true);
		expect(reads.slice(before)).toContain('f1:capacity');
		expect(itemInputs).toBeGreaterThan(0);
	});
});

describe('before the cells are in', () => {
	it('hands out blank figures, reading and keeping nothing, and the real ones once loaded', () => {
		let loaded = false;
		const reads: string[] = [];
		const cells = row('a', { opening: [100], consensus: [10, 20, 30] });
		const figures = new PlanFigures(
			{ families, items, periods },
			(m: InputMeasure, owner: string) => {
				reads.push(`${owner}:${m.id}`);
				return periods.map((period) => cells[cellKey(owner, period, m.id)] ?? NaN);
			},
			() => loaded
		);
		const blank = figures.total();
		expect(blank.inventory).toEqual([NaN, NaN, NaN]);
		expect(blank.itemsShort).toEqual([NaN, NaN, NaN]);
		expect(figures.item('a').consensus).toEqual([NaN, NaN, NaN]);
		expect(figures.family('f1')).toBe(blank);
		expect(figures.hasFlags(blank)).toBe(false);
		expect(reads).toEqual([]);

		loaded = true;
		expect(figures.item('a').inventory).toEqual([90, 70, 40]);
		expect(figures.total().consensus).toEqual([10, 20, 30]);
		expect(reads.length).toBeGreaterThan(0);
	});

	it('shows the saved figures it was given until then, and its own once loaded', () => {
		let loaded = false;
		const cells = row('a', { opening: [100], consensus: [10, 20, 30] });
		const live = new PlanFigures(
			{ families, items, periods },
			(m: InputMeasure, owner: string) =>
				periods.map((period) => cells[cellKey(owner, period, m.id)] ?? NaN),
			() => loaded
		);
		// What the server computed from the saved documents, before a colleague's newer edit.
		const { figures: server } = figuresOf(row('a', { opening: [100], consensus: [5, 5, 5] }));
		live.showSaved(
			new Map([
				['total', server.total()],
				['a', server.item('a')]
			])
		);

		expect(live.total().consensus).toEqual([5, 5, 5]);
		expect(live.item('a').inventory).toEqual([95, 90, 85]);
		// Owners the server did not send stay blank; no family is said to lack capacity yet.
		expect(live.family('f2').consensus).toEqual([NaN, NaN, NaN]);
		expect(live.withoutCapacity(0)).toEqual([]);

		loaded = true;
		expect(live.total().consensus).toEqual([10, 20, 30]);
		expect(live.item('a').inventory).toEqual([90, 70, 40]);
		expect(live.withoutCapacity(0).map((f) => f.id)).toEqual(['f1', 'f2']);
	});
});

describe('weeks of cover across a year end', () => {
	const months = ['2026-11', '2026-12', '2027-01', '2027-02'];
	const demand = [0, 100, 100, 50];
	const days = [30, 31, 31, 28];

	it('walks the stock forward through the following months', () => {
		// 150 at the end of November: all of December (31 days), then half of January (15.5).
		expect(daysOfCover(150, demand, days, 0)).toBeCloseTo(46.5);
		// 120 at the end of December: 100 for January's 31 days, then 20/50 of February's 28.
		expect(daysOfCover(120, demand, days, 1)).toBeCloseTo(31 + 0.4 * 28);
	});

	it('is unbounded when the stock outlasts the plan, and 0 at or below zero', () => {
		expect(daysOfCover(300, demand, days, 0)).toBe(Infinity);
		expect(daysOfCover(10, demand, days, 3)).toBe(Infinity);
		expect(daysOfCover(0, demand, days, 0)).toBe(0);
		expect(daysOfCover(-5, demand, days, 0)).toBe(0);
	});

	it('passes months without demand at their full length', () => {
		expect(daysOfCover(50, [0, 0, 100, 0], days, 0)).toBeCloseTo(31 + 15.5);
		expect(months).toHaveLength(days.length);
	});
});

describe('flags a planner can trust', () => {
	const { figures } = figuresOf({
		...row('a', { opening: [0], consensus: [25, 0, 0] }),
		...row('b', { opening: [90], consensus: [0, 0, 0], production: [50, 0, 0] }),
		...row('c', { production: [100, 100, 100], consensus: [10, 10, 10], forecast: [8, 10, 10] }),
		...row('c', { marketing: [2, 1, undefined] }),
		...row('f1', { capacity: [0, 0, 100] })
	});
	const f1 = figures.family('f1');

	it('flags a family red when one of its items is short, though the family total is not', () => {
		// −25 and +140: the family holds 115 and still has an item out of stock.
		expect(f1.inventory[0]).toBe(115);
		expect(f1.itemsShort[0]).toBe(1);
		expect(figures.flags(f1, 0)).toContain('stockout');
		expect(figures.flags(figures.total(), 0)).toContain('stockout');
		expect(figures.total().itemsShort[0]).toBe(1);
	});

	it('counts production against zero capacity as over capacity', () => {
		expect(f1.utilisation[0]).toBe(Infinity);
		expect(figures.flags(f1, 0)).toContain('over-capacity');
		// No production and no capacity: nothing to say.
		expect(Number.isNaN(f1.utilisation[1])).toBe(true);
		expect(f1.utilisation[2]).toBe(0);
	});

	it('flags consensus that differs from sales forecast + marketing adjustment', () => {
		const c = figures.item('c');
		expect(figures.flags(c, 0)).not.toContain('consensus-mismatch');
		expect(figures.flags(c, 1)).toContain('consensus-mismatch');
		expect(figures.flags(c, 2)).not.toContain('consensus-mismatch');
		expect(figures.total().itemsMismatch[1]).toBe(1);
		// A flag, not a stock-out: the item's rows are not counted as flagged for it.
		expect(figures.hasFlags(c)).toBe(false);
	});
});

describe('plan utilisation', () => {
	it('compares like with like and names the families without capacity', () => {
		const { figures } = figuresOf({
			...row('a', { production: [80, 80, 80] }),
			...row('c', { production: [100, 100, 100] }),
			...row('f1', { capacity: [100, 100, 100] })
		});
		// Parts has no capacity: its 100 units are left out (it was 180/100).
		expect(figures.total().utilisation[0]).toBeCloseTo(0.8);
		expect(figures.withoutCapacity(0).map((f) => f.name)).toEqual(['Parts']);
	});
});

describe('definitions', () => {
	it('defines every derived measure where it is computed', () => {
		for (const m of MEASURES.filter((m) => m.kind === 'derived')) {
			expect(DEFINITIONS[m.id], m.id).toMatch(/\w{3}/);
		}
	});
});
