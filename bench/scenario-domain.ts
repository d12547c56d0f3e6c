/**
 * Scratch timing of the scenario domain core (no server): a 2,000-item × 36-month plan, levers
 * touching 20,000 cells, a family merged back, removal and a three-scenario comparison.
 * Run: node --import tsx bench/scenario-domain.ts
 */
import { performance } from 'node:perf_hooks';
import { periods as monthsOf } from '../src/lib/domain/periods.ts';
import { rowKey } from '../src/lib/domain/measures.ts';
import type { PlanShape, RowReader } from '../src/lib/domain/plan-figures.ts';
import { compareScenarios } from '../src/lib/domain/scenario/compare.ts';
import {
	applyLever,
	removeLever,
	type LeverRecord,
	type ScenarioLedger
} from '../src/lib/domain/scenario/ledger.ts';
import type { Lever } from '../src/lib/domain/scenario/levers.ts';
import { planMerge } from '../src/lib/domain/scenario/merge.ts';
import { cellReader, ChangeIndex } from '../src/lib/domain/scenario/overlay.ts';

const ITEMS = 2000;
const FAMILIES = 40;
const periods = monthsOf('2027-01', 36);
const shape: PlanShape = {
	families: Array.from({ length: FAMILIES }, (_, f) => ({ id: `f${f}`, name: `Family ${f}` })),
	items: Array.from({ length: ITEMS }, (_, i) => ({
		id: `i${i}`,
		family_id: `f${i % FAMILIES}`,
		sku: `SKU${i}`,
		name: `Item ${i}`
	})),
	periods
};
const rows = new Map<string, Float64Array>();
for (const [i, item] of shape.items.entries()) {
	for (const m of ['consensus', 'forecast', 'production', 'receipts', 'safety', 'price', 'cost']) {
		rows.set(
			rowKey(item.id, m),
			Float64Array.from(periods, (_, t) => ((i * 7 + t) % 1000) + 1)
		);
	}
}
for (const f of shape.families)
	rows.set(rowKey(f.id, 'capacity'), new Float64Array(36).fill(30000));
const empty = new Float64Array(36).fill(NaN);
const base: RowReader = (m, owner) => (rows.get(rowKey(owner, m.id)) ?? empty).slice();

const time = <T>(label: string, run: () => T): T => {
	const start = performance.now();
	const cpu = process.cpuUsage();
	const out = run();
	const used = process.cpuUsage(cpu);
	const wall = (performance.now() - start).toFixed(1);
	console.log(`${label}: ${wall} ms (${((used.user + used.system) / 1000).toFixed(1)} ms CPU)`);
	return out;
};

const lever = (id: string, over: Partial<Lever>): Lever => ({
	id,
	kind: 'percent',
	measure: 'consensus',
	scope: {},
	from: periods[0],
	to: periods[9],
	amount: 20,
	author: 'bench',
	note: '',
	...over
});

const ledger: ScenarioLedger = { changes: new Map(), forkValues: new Map(), writers: new Map() };
const records: LeverRecord[] = [];
// The scenario's index, kept up to date as a scenario document's events would keep it.
const index = new ChangeIndex(periods);
const current = index.reader(base);
const apply = (label: string, l: Lever) => {
	const result = time(label, () => applyLever(ledger, l, shape, current));
	if (!result.ok) throw new Error(result.error);
	const { cells } = result;
	time('  index the changed cells', () =>
		index.update(
			ledger.changes,
			cells.map((c) => c.key)
		)
	);
	console.log(`  ${result.cells.length} cells; scenario holds ${ledger.changes.size} changes`);
	records.push(result.record);
};
// Warm the JIT on a small lever first, as a long-running server would be.
apply(
	'warm-up: +5 % production, one family, 3 months',
	lever('w', { measure: 'production', scope: { familyId: 'f1' }, to: periods[2], amount: 5 })
);
apply('+20 % consensus, whole plan, 10 months (percent)', lever('p', {}));
apply(
	'+5,000 units production, whole plan, 10 months (units, spread)',
	lever('u', {
		kind: 'units',
		measure: 'production',
		from: periods[10],
		to: periods[19],
		amount: 5000
	})
);
apply(
	'price × 1.03, whole plan, 10 months (factor)',
	lever('f', { kind: 'factor', measure: 'price', from: periods[20], to: periods[29], amount: 1.03 })
);

// The live plan moved in a few cells since the fork.
const live = cellReader(base, periods);
const moved = new Set([...ledger.changes.keys()].filter((_, k) => k % 97 === 0));
const baseNow = (key: string) => (moved.has(key) ? -1 : live(key));
time('planMerge one family (50 items, 3 levers)', () => {
	const plan = planMerge(
		{ kind: 'families', familyIds: ['f3'], items: shape.items },
		ledger.changes,
		ledger.forkValues,
		baseNow
	);
	console.log(`  ${plan.applied.length} applied, ${plan.conflicts.length} conflicts`);
});
time('planMerge whole scenario', () => {
	const plan = planMerge({ kind: 'all' }, ledger.changes, ledger.forkValues, baseNow);
	console.log(`  ${plan.applied.length} applied, ${plan.conflicts.length} conflicts`);
});
time('compare plan + 3 scenarios (KPIs and cells)', () =>
	compareScenarios(shape, base, [
		{ id: 'a', name: 'A', changes: ledger.changes },
		{ id: 'b', name: 'B', changes: ledger.changes },
		{ id: 'c', name: 'C', changes: ledger.changes }
	])
);
time('removeLever (the 20 % consensus lever)', () => removeLever(ledger, records, 'p'));
