import { describe, expect, it } from 'vitest';
import {
	applyLever,
	recordEdit,
	removeLever,
	type LeverRecord,
	type ScenarioLedger,
	type Writer
} from './ledger';
import type { Lever } from './levers';
import { overlayReader } from './overlay';
import { cellsOf, readerOf, shape } from './test-plan';

const base = cellsOf({
	a: { consensus: [10, 20, 30, 40, 50, 60] },
	b: { consensus: [1, 2, 3, 4, 5, 6] }
});
const A1 = 'a:2027-01:consensus';
const A2 = 'a:2027-02:consensus';
const B1 = 'b:2027-01:consensus';

function ledger() {
	return {
		changes: new Map<string, number | null>(),
		forkValues: new Map<string, number | null>(),
		writers: new Map<string, Writer>()
	};
}
type MapLedger = ReturnType<typeof ledger>;

function lever(id: string, over: Partial<Lever> = {}): Lever {
	return {
		id,
		kind: 'percent',
		measure: 'consensus',
		scope: { familyId: 'f1' },
		from: '2027-01',
		to: '2027-02',
		amount: 100,
		author: 'ana',
		note: 'big customer',
		...over
	};
}

const current = (l: ScenarioLedger) => overlayReader(readerOf(base), l.changes, shape.periods);

function apply(l: ScenarioLedger, lv: Lever): LeverRecord {
	const result = applyLever(l, lv, shape, current(l));
	if (!result.ok) throw new Error(result.error);
	return result.record;
}

const snapshot = (l: MapLedger) => ({
	changes: Object.fromEntries(l.changes),
	forkValues: Object.fromEntries(l.forkValues),
	writers: Object.fromEntries(l.writers)
});

describe('applyLever', () => {
	it('writes the lever’s cells, keeping each cell’s base value and the lever as its writer', () => {
		const l = ledger();
		const result = applyLever(l, lever('L1'), shape, current(l));
		expect(result.ok && result.cells.length).toBe(4);
		expect(snapshot(l).changes).toEqual({ [A1]: 20, [A2]: 40, [B1]: 2, 'b:2027-02:consensus': 4 });
		expect(snapshot(l).forkValues).toEqual({
			[A1]: 10,
			[A2]: 20,
			[B1]: 1,
			'b:2027-02:consensus': 2
		});
		expect(new Set(Object.values(snapshot(l).writers))).toEqual(new Set(['lever:L1']));
	});

	it('keeps the fork value of a cell changed before, not the value the scenario had', () => {
		const l = ledger();
		recordEdit(l, A1, 15, 'ben', 10);
		apply(l, lever('L1'));
		expect(l.changes.get(A1)).toBe(30);
		expect(l.forkValues.get(A1)).toBe(10);
	});

	it('refuses a lever with a problem and changes nothing', () => {
		const l = ledger();
		expect(applyLever(l, lever('L1', { to: '2027-09' }), shape, current(l))).toEqual({
			ok: false,
			error: '2027-09 is not a month of this plan (2027-01 to 2027-06)'
		});
		expect(l.changes.size).toBe(0);
	});
});

describe('recordEdit', () => {
	it('records a person’s value, the base value it replaced and who typed it', () => {
		const l = ledger();
		recordEdit(l, A1, null, 'ben', 10);
		recordEdit(l, A1, 12, 'cy', 10);
		expect(snapshot(l)).toEqual({
			changes: { [A1]: 12 },
			forkValues: { [A1]: 10 },
			writers: { [A1]: 'edit:cy' }
		});
	});
});

describe('removeLever', () => {
	it('takes the cells only this lever wrote back to the base', () => {
		const l = ledger();
		const records = [apply(l, lever('L1'))];
		const removed = removeLever(l, records, 'L1');
		expect(removed.levers).toEqual([]);
		expect(removed.restored).toHaveLength(4);
		expect(snapshot(l)).toEqual({ changes: {}, forkValues: {}, writers: {} });
	});

	it('keeps cells a person changed after the lever', () => {
		const l = ledger();
		const records = [apply(l, lever('L1'))];
		recordEdit(l, A1, 25, 'ben', 10);
		const removed = removeLever(l, records, 'L1');
		expect(removed.kept).toEqual([A1]);
		expect(snapshot(l).changes).toEqual({ [A1]: 25 });
		expect(snapshot(l).writers).toEqual({ [A1]: 'edit:ben' });
	});

	it('gives back a person’s edit the lever overwrote', () => {
		const l = ledger();
		recordEdit(l, A1, 15, 'ben', 10);
		const records = [apply(l, lever('L1'))];
		removeLever(l, records, 'L1');
		expect(snapshot(l)).toEqual({
			changes: { [A1]: 15 },
			forkValues: { [A1]: 10 },
			writers: { [A1]: 'edit:ben' }
		});
	});

	it('undoes the later of two levers back to the earlier one’s values', () => {
		const l = ledger();
		const records = [
			apply(l, lever('L1')),
			apply(l, lever('L2', { scope: { itemId: 'a' }, to: '2027-01', amount: 50 }))
		];
		expect(l.changes.get(A1)).toBe(30);
		const removed = removeLever(l, records, 'L2');
		expect(removed.levers.map((r) => r.lever.id)).toEqual(['L1']);
		expect(l.changes.get(A1)).toBe(20);
		expect(l.writers.get(A1)).toBe('lever:L1');
	});

	it('keeps a later lever’s cells when an earlier lever goes, and both removed end at the base', () => {
		const l = ledger();
		const records = [
			apply(l, lever('L1')),
			apply(l, lever('L2', { scope: { itemId: 'a' }, to: '2027-01', amount: 50 }))
		];
		const first = removeLever(l, records, 'L1');
		expect(first.kept).toEqual([A1]);
		expect(first.restored.sort()).toEqual([A2, B1, 'b:2027-02:consensus']);
		expect(snapshot(l).changes).toEqual({ [A1]: 30 });
		removeLever(l, first.levers, 'L2');
		expect(snapshot(l)).toEqual({ changes: {}, forkValues: {}, writers: {} });
	});

	it('does nothing for a lever the scenario does not have', () => {
		const l = ledger();
		const records = [apply(l, lever('L1'))];
		const removed = removeLever(l, records, 'nope');
		expect(removed).toEqual({ levers: records, restored: [], kept: [] });
		expect(l.changes.size).toBe(4);
	});
});
