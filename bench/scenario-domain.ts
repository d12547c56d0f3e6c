/**
 * Timing of the scenario domain core (no server, no Yjs): a 2,000-item × 36-month plan,
 * three levers of ~20,000 cells each, a family and the whole scenario merged back, a lever removed
 * and the plan compared with three scenarios. Each step runs in five rounds on a fresh scenario;
 * the median and the fastest round are printed (the first round includes the JIT warming up).
 * Run: node --import tsx bench/scenario-domain.ts
 */
import { performance } from 'node:perf_hooks';
import { rowKey } from '../src/lib/domain/measures.ts';
import { periods as monthsOf } from '../src/lib/domain/periods.ts';
import {
	emptySeries,
	type PlanShape,
	type RowReader,
	type Series
} from '../src/lib/domain/plan-figures.ts';
import { compareScenarios } from '../src/lib/domain/scenario/compare.ts';
import {
	applyLever,
	removeLever,
	type LeverRecord,
	type Writer
} from '../src/lib/domain/scenario/ledger.ts';
import type { Lever } from '../src/lib/domain/scenario/levers.ts';
import { planMerge } from '../src/lib/domain/scenario/merge.ts';
import { cellReader, ChangeIndex } from '../src/lib/domain/scenario/overlay.ts';

const ITEMS = 2000;
const FAMILIES = 40;
const ROUNDS = 5;
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
const rows = new Map<string, Series>();
for (const [i, item] of shape.items.entries()) {
	for (const m of ['consensus', 'forecast', 'production', 'receipts', 'safety', 'price', 'cost']) {
		rows.set(
			rowKey(item.id, m),
			periods.map((_, t) => ((i * 7 + t) % 1000) + 1)
		);
	}
}
for (const f of shape.families) rows.set(rowKey(f.id, 'capacity'), emptySeries(36).fill(30000));
const empty = emptySeries(36);
const base: RowReader = (m, owner) => (rows.get(rowKey(owner, m.id)) ?? empty).slice();

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
const LEVERS: [string, Lever][] = [
	['lever +20 % consensus, whole plan, 10 months', lever('p', {})],
	[
		'lever +5,000 units production, whole plan, 10 months (spread)',
		lever('u', {
			kind: 'units',
			measure: 'production',
			from: periods[10],
			to: periods[19],
			amount: 5000
		})
	],
	[
		'lever price × 1.03, whole plan, 10 months',
		lever('f', {
			kind: 'factor',
			measure: 'price',
			from: periods[20],
			to: periods[29],
			amount: 1.03
		})
	]
];

const timings = new Map<string, number[]>();
function time<T>(label: string, run: () => T): T {
	const start = performance.now();
	const out = run();
	const list = timings.get(label) ?? [];
	list.push(performance.now() - start);
	timings.set(label, list);
	return out;
}

function round() {
	const ledger = {
		changes: new Map<string, number | null>(),
		forkValues: new Map<string, number | null>(),
		writers: new Map<string, Writer>()
	};
	const records: LeverRecord[] = [];
	// Kept up to date as a scenario document's events would keep it.
	const index = new ChangeIndex(periods);
	const current = index.reader(base);
	for (const [label, l] of LEVERS) {
		const result = time(label, () => applyLever(ledger, l, shape, current));
		if (!result.ok) throw new Error(result.error);
		const { cells } = result;
		time(`  then index its ${cells.length} cells`, () =>
			index.update(
				ledger.changes,
				cells.map((c) => c.key)
			)
		);
		records.push(result.record);
	}
	// The live plan moved in some cells since the fork: conflicts.
	const live = cellReader(base, periods);
	const moved = new Set([...ledger.changes.keys()].filter((_, k) => k % 97 === 0));
	const baseNow = (key: string) => (moved.has(key) ? -1 : live(key));
	time(`planMerge one family (of ${ledger.changes.size} changes)`, () =>
		planMerge(
			{ kind: 'families', familyIds: ['f3'], items: shape.items },
			ledger.changes,
			ledger.forkValues,
			baseNow
		)
	);
	time('planMerge whole scenario', () =>
		planMerge({ kind: 'all' }, ledger.changes, ledger.forkValues, baseNow)
	);
	time('removeLever +20 % consensus', () => removeLever(ledger, records, 'p'));
	time('compare plan + 3 scenarios (KPIs, cells)', () =>
		compareScenarios(shape, base, [
			{ id: 'a', name: 'A', changes: ledger.changes },
			{ id: 'b', name: 'B', changes: ledger.changes },
			{ id: 'c', name: 'C', changes: ledger.changes }
		])
	);
}

for (let r = 0; r < ROUNDS; r++) round();
for (const [label, list] of timings) {
	const sorted = [...list].sort((a, b) => a - b);
	const median = sorted[Math.floor(sorted.length / 2)].toFixed(1);
	console.log(`${label}: median ${median} ms, fastest ${sorted[0].toFixed(1)} ms`);
}
