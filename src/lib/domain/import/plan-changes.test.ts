import { describe, expect, it } from 'vitest';
import { planImport, type PlanSnapshot } from './plan-changes.ts';
import type { ImportItem, ImportValue } from './types.ts';
import type { InputMeasure } from '../measures.ts';

const periods = ['2026-01', '2026-02', '2026-03'];

/** A plan with one family and two items; rows given as base arrays and edits. */
function plan(
	rows: Record<string, (number | null)[]> = {},
	edits: Record<string, Record<number, number | null>> = {}
): PlanSnapshot {
	return {
		periods,
		families: [{ id: 'f1', name: 'Bikes' }],
		items: [
			{ id: 'i1', family_id: 'f1', sku: 'B-100', name: 'Road bike' },
			{ id: 'i2', family_id: 'f1', sku: 'B-200', name: 'City bike', lead_time_days: 14 }
		],
		row: (owner, measure) => {
			const key = `${owner}:${measure}`;
			return { base: rows[key], edit: (t) => edits[key]?.[t] };
		}
	};
}

const value = (v: Partial<ImportValue>): ImportValue => ({
	line: 2,
	column: 'Value',
	sku: 'B-100',
	family: null,
	month: '2026-01',
	measure: 'forecast',
	value: 10,
	...v
});
const item = (i: Partial<ImportItem>): ImportItem => ({
	line: 2,
	sku: 'B-100',
	family: 'Bikes',
	name: null,
	leadTimeDays: null,
	...i
});
const anyone = () => null;
let n = 0;
const newId = () => `new${++n}`;

describe('planImport', () => {
	it('changes only the cells whose value differs, so a second run changes nothing', () => {
		const snapshot = plan({ 'i1:forecast': [10, 20, null] });
		const values = [
			value({ month: '2026-01', value: 10 }),
			value({ month: '2026-02', value: 25 }),
			value({ month: '2026-03', value: 30 })
		];
		const result = planImport({ values, items: [] }, snapshot, anyone, newId);
		expect(result.changed).toBe(2);
		expect(result.summary.measures).toEqual([
			expect.objectContaining({ measure: 'forecast', changed: 2, unchanged: 1, refused: null })
		]);
		// The row's base is rewritten whole, keeping the value that did not change.
		expect(result.write.steps).toEqual([[1, { base: [['i1:forecast', [10, 25, 30]]] }]]);

		const again = plan({ 'i1:forecast': [10, 25, 30] });
		const second = planImport({ values, items: [] }, again, anyone, newId);
		expect(second.changed).toBe(0);
		expect(second.write.steps).toEqual([]);
	});

	it('writes a month someone edited as an edit, since the edit would hide a new base value', () => {
		const snapshot = plan({ 'i1:production': [5, 5, 5] }, { 'i1:production': { 1: 8 } });
		const values = [
			value({ measure: 'production', month: '2026-02', value: 9 }),
			value({ measure: 'production', month: '2026-03', value: 6 })
		];
		const result = planImport({ values, items: [] }, snapshot, anyone, newId);
		expect(result.write.steps).toEqual([
			[
				2,
				{
					base: [['i1:production', [5, 5, 6]]],
					cells: [['i1:2026-02:production', 9]]
				}
			]
		]);
	});

	it('compares with the value shown: an edit that equals the file is unchanged', () => {
		const snapshot = plan({ 'i1:forecast': [1, 1, 1] }, { 'i1:forecast': { 0: 10 } });
		const result = planImport({ values: [value({})], items: [] }, snapshot, anyone, newId);
		expect(result.summary.measures[0]).toMatchObject({ changed: 0, unchanged: 1 });
	});

	it('adds unknown SKUs with a family, creating the family when the plan lacks it', () => {
		const items = [
			item({ sku: 'B-300', family: 'bikes', name: 'Gravel bike' }),
			item({ sku: 'P-1', family: 'Parts', name: null, leadTimeDays: 21 })
		];
		const values = [value({ sku: 'P-1', value: 4 })];
		const result = planImport({ values, items }, plan(), anyone, newId);
		const { hierarchy } = result.write;
		expect(hierarchy?.families).toEqual([{ id: expect.any(String), name: 'Parts' }]);
		expect(hierarchy?.items).toEqual([
			{ id: expect.any(String), familyId: 'f1', sku: 'B-300', name: 'Gravel bike' },
			{ id: expect.any(String), familyId: hierarchy?.families[0].id, sku: 'P-1', name: 'P-1' }
		]);
		const partId = hierarchy!.items[1].id;
		expect(hierarchy?.updated).toEqual([{ id: partId, leadTimeDays: 21 }]);
		expect(result.write.steps).toEqual([[1, { base: [[`${partId}:forecast`, [4, null, null]]] }]]);
		expect(result.summary.itemsAdded.count).toBe(2);
		expect(result.summary.familiesAdded).toEqual(['Parts']);
	});

	it('renames known items and changes their lead time, matching SKUs case-insensitively', () => {
		const items = [
			item({ sku: 'b-100', name: 'Road bike Pro' }),
			item({ sku: 'B-200', name: 'City bike', leadTimeDays: 14 })
		];
		const result = planImport({ values: [], items }, plan(), anyone, newId);
		expect(result.write.hierarchy?.updated).toEqual([{ id: 'i1', name: 'Road bike Pro' }]);
		expect(result.summary.itemsRenamed).toBe(1);
	});

	it('counts unknown SKUs without a family and months outside the horizon, changing neither', () => {
		const values = [
			value({ sku: 'X-9' }),
			value({ month: '2025-12' }),
			value({ month: '2027-01' })
		];
		const result = planImport({ values, items: [] }, plan(), anyone, newId);
		expect(result.summary.unknownSkus).toEqual({ count: 1, examples: ['X-9'] });
		expect(result.summary.outsideHorizon).toEqual({ count: 2, months: ['2025-12', '2027-01'] });
		expect(result.changed).toBe(0);
	});

	it('puts family-level measures on the family and refuses them on an item line', () => {
		const values = [
			value({ sku: null, family: 'bikes', measure: 'capacity', value: 500 }),
			value({ line: 7, sku: 'B-100', family: 'Bikes', measure: 'capacity', value: 1 })
		];
		const result = planImport({ values, items: [] }, plan(), anyone, newId);
		expect(result.write.steps).toEqual([[2, { base: [['f1:capacity', [500, null, null]]] }]]);
		expect(result.problems).toEqual([
			{
				line: 7,
				column: 'Value',
				message: 'Capacity is planned per family; give it on a line with the family and no SKU'
			}
		]);
	});

	it('spreads an item list value over the horizon, and opening stock into the first month', () => {
		const values = [
			value({ month: '', measure: 'price', value: 9.5, everyMonth: true }),
			value({ month: '', measure: 'opening', value: 40, everyMonth: true })
		];
		const result = planImport({ values, items: [] }, plan(), anyone, newId);
		expect(result.write.steps).toEqual([
			[2, { base: [['i1:opening', [40, null, null]]] }],
			[3, { base: [['i1:price', [9.5, 9.5, 9.5]]] }]
		]);
	});

	it('marks the measures the person may not import, with the reason', () => {
		const refusal = (m: InputMeasure) => (m.step === 2 ? 'Step 2 is locked' : null);
		const values = [value({}), value({ measure: 'production' })];
		const result = planImport({ values, items: [] }, plan(), refusal, newId);
		expect(result.summary.measures.map((m) => [m.measure, m.refused])).toEqual([
			['forecast', null],
			['production', 'Step 2 is locked']
		]);
	});
});
