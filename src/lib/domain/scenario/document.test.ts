import { describe, expect, it } from 'vitest';
import { leverRecordsOf, storeLever } from './document';
import { applyLever, removeLever, type ScenarioLedger, type Writer } from './ledger';
import type { Lever } from './levers';
import { overlayReader } from './overlay';
import { cellsOf, readerOf, shape } from './test-plan';

const lever = (id: string, amount: number): Lever => ({
	id,
	kind: 'percent',
	measure: 'consensus',
	scope: {},
	from: shape.periods[0],
	to: shape.periods[1],
	amount,
	author: 'u1',
	note: ''
});

function ledger(): ScenarioLedger & {
	changes: Map<string, number | null>;
	writers: Map<string, Writer>;
} {
	return { changes: new Map(), forkValues: new Map(), writers: new Map() };
}

describe('levers as the scenario document keeps them', () => {
	it('stores a count, not the keys, and finds the cells again when a lever is removed', () => {
		const l = ledger();
		const base = readerOf(cellsOf({ a: { consensus: [100, 50] }, c: { consensus: [10, 20] } }));
		const first = applyLever(
			l,
			lever('a', 10),
			shape,
			overlayReader(base, l.changes, shape.periods)
		);
		const second = applyLever(
			l,
			lever('b', 10),
			shape,
			overlayReader(base, l.changes, shape.periods)
		);
		if (!first.ok || !second.ok) throw new Error('levers refused');
		const stored = [first, second].map((r, i) => storeLever(r.record, 'Sam', new Date(0), i));
		expect(stored[0].count).toBe(first.record.cells.length);
		expect(stored[0]).not.toHaveProperty('cells');

		// Rebuilt from the writers map and the later lever's `before`, removal ends at the base.
		const records = leverRecordsOf(stored, l.writers.entries());
		expect(records[0].cells.sort()).toEqual([...first.record.cells].sort());
		const out = removeLever(l, records, 'a');
		removeLever(l, out.levers, 'b');
		expect(l.changes.size).toBe(0);
		expect(l.writers.size).toBe(0);
	});
});
