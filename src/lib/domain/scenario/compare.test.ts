import { describe, expect, it } from 'vitest';
import type { VersionTableContent } from '../version-table';
import {
	compareScenarios,
	compareVersions,
	rowsThatDiffer,
	type ComparedScenario
} from './compare';
import { cellsOf, readerOf, shape } from './test-plan';

const six = (v: number) => [v, v, v, v, v, v];
const item = {
	consensus: six(10),
	production: six(10),
	price: six(10),
	cost: six(5),
	opening: [0]
};
const base = cellsOf({
	a: item,
	b: item,
	c: item,
	f1: { capacity: six(40) },
	f2: { capacity: six(20) }
});

const scenario = (id: string, changes: [string, number | null][]): ComparedScenario => ({
	id,
	name: `Scenario ${id}`,
	changes: new Map(changes)
});
const s1 = scenario('s1', [['a:2027-01:consensus', 20]]);
const s2 = scenario('s2', [['f1:2027-01:capacity', 10]]);
const s3 = scenario('s3', [
	['a:2027-01:consensus', 10],
	['b:2027-01:price', null]
]);

describe('compareScenarios', () => {
	const comparison = compareScenarios(shape, readerOf(base), [s1, s2, s3]);

	it('gives each scenario’s KPIs as changes against the live plan', () => {
		expect(comparison.plan.demand).toBe(180);
		const [d1, d2, d3] = comparison.scenarios.map((s) => s.delta);
		expect(d1.demand).toBe(10);
		expect(d1.revenue).toBe(100);
		// Item a is short from January on: 10 more demand than supply, never made up.
		expect(d1.stockoutMonths).toBe(6);
		expect(d2.demand).toBe(0);
		expect(d2.utilisationPeak).toBe(1.5);
		expect(d3.revenue).toBe(-100);
		expect(comparison.scenarios.map((s) => s.name)).toEqual([
			'Scenario s1',
			'Scenario s2',
			'Scenario s3'
		]);
	});

	it('lists each cell some scenario holds differently, with every value and difference', () => {
		expect(Object.fromEntries(comparison.cells)).toEqual({
			'a:2027-01:consensus': { plan: 10, values: [20, 10, 10], differences: [10, 0, 0] },
			'f1:2027-01:capacity': { plan: 40, values: [40, 10, 40], differences: [0, -30, 0] },
			'b:2027-01:price': { plan: 10, values: [10, 10, null], differences: [0, 0, -10] }
		});
	});

	it('keeps only rows that differ for the filter', () => {
		expect(rowsThatDiffer(comparison.cells)).toEqual(
			new Set(['a:consensus', 'f1:capacity', 'b:price'])
		);
	});

	it('shows at most three scenarios beside the plan', () => {
		expect(() => compareScenarios(shape, readerOf(base), [s1, s2, s3, s1])).toThrow(
			'At most 3 scenarios are compared at once'
		);
	});
});

describe('compareVersions', () => {
	const version = (
		periods: string[],
		items: string[],
		rows: VersionTableContent['rows']
	): VersionTableContent => ({
		plan: { name: 'Plan' },
		periods,
		families: [{ id: 'f1', name: 'Bikes' }],
		items: items.map((id) => ({ id, family_id: 'f1', sku: id.toUpperCase(), name: id })),
		rows
	});
	const last = version(['2027-01', '2027-02', '2027-03'], ['a', 'b'], {
		a: { consensus: [1, 2, 3], inventory: [5, 5, 5] },
		b: { consensus: [1, 1, 1] }
	});
	const now = version(['2027-02', '2027-03', '2027-04'], ['a', 'c'], {
		a: { consensus: [2, 4, 9], inventory: [5, 5, 5] },
		c: { consensus: [7, 7, 7] }
	});

	it('compares item cells over the months both versions cover', () => {
		const comparison = compareVersions(last, now);
		expect(comparison.periods).toEqual(['2027-02', '2027-03']);
		expect(Object.fromEntries(comparison.cells)).toEqual({
			'a:2027-03:consensus': { a: 3, b: 4, difference: 1 },
			'b:2027-02:consensus': { a: 1, b: null, difference: -1 },
			'b:2027-03:consensus': { a: 1, b: null, difference: -1 },
			'c:2027-02:consensus': { a: null, b: 7, difference: 7 },
			'c:2027-03:consensus': { a: null, b: 7, difference: 7 }
		});
		expect(rowsThatDiffer(comparison.cells)).toEqual(
			new Set(['a:consensus', 'b:consensus', 'c:consensus'])
		);
		expect(comparison.onlyInA).toEqual(['b']);
		expect(comparison.onlyInB).toEqual(['c']);
	});
});
