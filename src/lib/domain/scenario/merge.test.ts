import { describe, expect, it } from 'vitest';
import { mergeCell, planMerge, type MergeSelection } from './merge';
import { shape } from './test-plan';

describe('mergeCell', () => {
	it('is unchanged when the plan already holds the scenario’s value', () => {
		expect(mergeCell(10, 20, 20)).toEqual({ kind: 'unchanged' });
		expect(mergeCell(10, null, null)).toEqual({ kind: 'unchanged' });
		expect(mergeCell(1, 0.1 + 0.2, 0.3)).toEqual({ kind: 'unchanged' });
	});

	it('applies the scenario’s value where the plan has not moved since the fork', () => {
		expect(mergeCell(10, 10, 20)).toEqual({ kind: 'apply', value: 20 });
		expect(mergeCell(10, 10, null)).toEqual({ kind: 'apply', value: null });
		expect(mergeCell(null, null, 5)).toEqual({ kind: 'apply', value: 5 });
	});

	it('is a conflict, with all three values, where both moved apart', () => {
		expect(mergeCell(10, 15, 20)).toEqual({ kind: 'conflict', fork: 10, base: 15, scenario: 20 });
		expect(mergeCell(null, 0, 5)).toEqual({ kind: 'conflict', fork: null, base: 0, scenario: 5 });
	});
});

// [key, fork, base now, scenario]
const cells: [string, number | null, number | null, number | null][] = [
	['a:2027-01:consensus', 10, 10, 20], // apply
	['a:2027-02:consensus', 20, 25, 40], // conflict
	['a:2027-01:production', null, null, 5], // apply
	['b:2027-01:consensus', 1, 2, 2], // unchanged
	['f1:2027-01:capacity', 500, 500, 400], // apply
	['a:2027-01:price', 10, 10, null], // apply (clears)
	['c:2027-01:consensus', 100, 100, 150], // apply, other family
	['f2:2027-01:capacity', 200, 200, 300] // apply, other family
];
const changes = new Map(cells.map(([key, , , scenario]) => [key, scenario]));
const forkValues = new Map(cells.map(([key, fork]) => [key, fork]));
const live = new Map(cells.map(([key, , now]) => [key, now]));
const baseNow = (key: string) => live.get(key) ?? null;
const merge = (selection: MergeSelection, resolutions?: Map<string, 'scenario' | 'base'>) =>
	planMerge(selection, changes, forkValues, baseNow, resolutions);

describe('planMerge', () => {
	it('merges the whole scenario as one write per step, listing the conflict unwritten', () => {
		const plan = merge({ kind: 'all' });
		expect(plan.writes).toEqual([
			[
				1,
				{
					cells: [
						['a:2027-01:consensus', 20],
						['c:2027-01:consensus', 150]
					]
				}
			],
			[
				2,
				{
					cells: [
						['a:2027-01:production', 5],
						['f1:2027-01:capacity', 400],
						['f2:2027-01:capacity', 300]
					]
				}
			],
			[3, { cells: [['a:2027-01:price', null]] }]
		]);
		expect(plan.unchanged).toEqual(['b:2027-01:consensus']);
		expect(plan.conflicts).toEqual([
			{ key: 'a:2027-02:consensus', fork: 20, base: 25, scenario: 40 }
		]);
		expect(plan.applied).toHaveLength(6);
		expect(plan.keptBase).toEqual([]);
	});

	it('merges rows: every changed month of each row and nothing else', () => {
		const plan = merge({ kind: 'rows', rows: ['a:consensus'] });
		expect(plan.writes).toEqual([[1, { cells: [['a:2027-01:consensus', 20]] }]]);
		expect(plan.conflicts.map((c) => c.key)).toEqual(['a:2027-02:consensus']);
	});

	it('merges a family: its items’ cells and its own capacity, not another family’s', () => {
		const plan = merge({ kind: 'families', familyIds: ['f1'], items: shape.items });
		expect(plan.applied.sort()).toEqual([
			'a:2027-01:consensus',
			'a:2027-01:price',
			'a:2027-01:production',
			'f1:2027-01:capacity'
		]);
		expect(plan.unchanged).toEqual(['b:2027-01:consensus']);
		expect(plan.conflicts).toHaveLength(1);
	});

	it('merges chosen cells once each, ignoring cells the scenario did not change', () => {
		const plan = merge({
			kind: 'cells',
			keys: ['f2:2027-01:capacity', 'b:2027-06:consensus', 'f2:2027-01:capacity']
		});
		expect(plan.writes).toEqual([[2, { cells: [['f2:2027-01:capacity', 300]] }]]);
		expect(plan.applied).toEqual(['f2:2027-01:capacity']);
	});

	it('writes a conflict resolved for the scenario and leaves one resolved for the plan', () => {
		const forScenario = merge(
			{ kind: 'rows', rows: ['a:consensus'] },
			new Map([['a:2027-02:consensus', 'scenario']])
		);
		expect(forScenario.writes).toEqual([
			[
				1,
				{
					cells: [
						['a:2027-01:consensus', 20],
						['a:2027-02:consensus', 40]
					]
				}
			]
		]);
		expect(forScenario.conflicts).toEqual([]);
		const forPlan = merge(
			{ kind: 'rows', rows: ['a:consensus'] },
			new Map([['a:2027-02:consensus', 'base']])
		);
		expect(forPlan.writes).toEqual([[1, { cells: [['a:2027-01:consensus', 20]] }]]);
		expect(forPlan.keptBase).toEqual(['a:2027-02:consensus']);
		expect(forPlan.conflicts).toEqual([]);
	});

	it('writes nothing when everything is already in the plan', () => {
		expect(merge({ kind: 'cells', keys: ['b:2027-01:consensus'] }).writes).toEqual([]);
	});

	it('refuses a changed cell without a fork value', () => {
		expect(() =>
			planMerge({ kind: 'all' }, new Map([['a:2027-01:consensus', 1]]), new Map(), () => null)
		).toThrow('The scenario has no fork value for "a:2027-01:consensus"');
	});
});
