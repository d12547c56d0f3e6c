import { computeKpis, type Kpis } from '../kpis.ts';
import { cellKey, MEASURES } from '../measures.ts';
import { PlanFigures, type PlanShape, type RowReader } from '../plan-figures.ts';
import type { VersionTableContent } from '../version-table.ts';
import { cellReader, sameValue, scenarioFigures, rowsOf, type Changes } from './overlay.ts';

type Value = number | null;

/** How many scenarios the compare view shows beside the live plan. */
export const MAX_COMPARED = 3;

/** The KPIs whose change a comparison shows, as numbers (the utilisation peak by its value). */
export const DELTA_KPIS = [
	'demand',
	'supplyGap',
	'stockoutMonths',
	'fillRate',
	'revenueAtRisk',
	'inventoryValue',
	'turns',
	'daysOfSupply',
	'excessValue',
	'revenue',
	'revenueVsBudget',
	'marginPct',
	'utilisationPeak'
] as const;
export type KpiDelta = Record<(typeof DELTA_KPIS)[number], number | null>;

/** The scenarios the executive review weighs, as the cycle panel fetches them. */
export interface ReviewScenarios {
	currency: string;
	scenarios: { id: string; name: string; status: 'open' | 'promoted'; delta: KpiDelta }[];
}

/** A KPI's value as a number (the utilisation peak by its value); null where there is none. */
export const kpiNumber = (k: Kpis, id: (typeof DELTA_KPIS)[number]): number | null =>
	id === 'utilisationPeak' ? (k.utilisationPeak?.value ?? null) : k[id];

/** Each KPI of `scenario` minus the plan's; null where either has none. */
export function kpiDelta(plan: Kpis, scenario: Kpis): KpiDelta {
	const delta = {} as KpiDelta;
	for (const id of DELTA_KPIS) {
		const a = kpiNumber(plan, id);
		const b = kpiNumber(scenario, id);
		delta[id] = a === null || b === null ? null : b - a;
	}
	return delta;
}

/** The difference `b − a` between two cell values, an empty cell counting as zero against a value. */
const difference = (a: Value, b: Value): Value =>
	a === null && b === null ? null : (b ?? 0) - (a ?? 0);

export interface ComparedScenario {
	id: string;
	name: string;
	changes: Changes;
}

/** A cell some scenario holds at another value than the plan: each scenario's value and difference. */
export interface CellComparison {
	plan: Value;
	/** In the order of the scenarios compared; the plan's value where a scenario did not change it. */
	values: Value[];
	differences: Value[];
}

export interface ScenarioComparison {
	plan: Kpis;
	/** The figures computed on the way (for charts), so a view does not compute them twice. */
	planFigures: PlanFigures;
	scenarios: { id: string; name: string; kpis: Kpis; delta: KpiDelta; figures: PlanFigures }[];
	/** By `cellKey`: only cells that differ from the plan in at least one scenario. */
	cells: Map<string, CellComparison>;
}

const kpisOf = (figures: PlanFigures, shape: PlanShape) =>
	computeKpis(figures, shape.families, shape.items, shape.periods);

/** The live plan beside up to three scenarios of it. `base` reads the live plan's rows. */
export function compareScenarios(
	shape: PlanShape,
	base: RowReader,
	scenarios: readonly ComparedScenario[]
): ScenarioComparison {
	if (scenarios.length > MAX_COMPARED) {
		throw new RangeError(`At most ${MAX_COMPARED} scenarios are compared at once`);
	}
	const planFigures = new PlanFigures(shape, base);
	const plan = kpisOf(planFigures, shape);
	const planValue = cellReader(base, shape.periods);
	const cells = new Map<string, CellComparison>();
	for (const scenario of scenarios) {
		for (const key of scenario.changes.keys()) {
			if (cells.has(key)) continue;
			const was = planValue(key);
			const values = scenarios.map((s) =>
				s.changes.has(key) ? (s.changes.get(key) ?? null) : was
			);
			const differences = values.map((v) => difference(was, v));
			if (values.some((v) => !sameValue(was, v))) {
				cells.set(key, { plan: was, values, differences });
			}
		}
	}
	return {
		plan,
		planFigures,
		scenarios: scenarios.map(({ id, name, changes }) => {
			const figures = scenarioFigures(shape, base, changes);
			const kpis = kpisOf(figures, shape);
			return { id, name, kpis, delta: kpiDelta(plan, kpis), figures };
		}),
		cells
	};
}

/** The rows (`rowKey`) a comparison's cells are on: what the "only rows that differ" filter keeps. */
export function rowsThatDiffer(cells: ReadonlyMap<string, unknown>): Set<string> {
	return rowsOf(cells.keys());
}

export interface VersionCellDifference {
	a: Value;
	b: Value;
	/** b − a, an empty cell counting as zero. */
	difference: Value;
}

export interface VersionComparison {
	/** The months both versions cover, where cells are compared. */
	periods: string[];
	/** By `cellKey`, every item cell (typed or derived) whose value differs. */
	cells: Map<string, VersionCellDifference>;
	/** Items one version has and the other has not (their cells count as empty there). */
	onlyInA: string[];
	onlyInB: string[];
}

const ITEM_MEASURES = MEASURES.filter((m) => m.level === 'item');

/**
 * Two approved versions' item rows side by side (this cycle against the last), over the months both
 * cover: a rolled horizon's new months are not differences.
 */
export function compareVersions(a: VersionTableContent, b: VersionTableContent): VersionComparison {
	const inB = new Map(b.periods.map((p, t) => [p, t]));
	const months = a.periods.flatMap((p, ta) => (inB.has(p) ? [[p, ta, inB.get(p)!] as const] : []));
	const itemsA = new Set(a.items.map((i) => i.id));
	const itemsB = new Set(b.items.map((i) => i.id));
	const cells = new Map<string, VersionCellDifference>();
	for (const id of new Set([...itemsA, ...itemsB])) {
		for (const m of ITEM_MEASURES) {
			const rowA = a.rows[id]?.[m.id];
			const rowB = b.rows[id]?.[m.id];
			for (const [period, ta, tb] of months) {
				const va = rowA?.[ta] ?? null;
				const vb = rowB?.[tb] ?? null;
				if (!sameValue(va, vb)) {
					cells.set(cellKey(id, period, m.id), { a: va, b: vb, difference: difference(va, vb) });
				}
			}
		}
	}
	return {
		periods: months.map(([p]) => p),
		cells,
		onlyInA: [...itemsA].filter((id) => !itemsB.has(id)),
		onlyInB: [...itemsB].filter((id) => !itemsA.has(id))
	};
}
