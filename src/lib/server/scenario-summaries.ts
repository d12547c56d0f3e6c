/**
 * What a list of scenarios shows of each: how many cells and levers it holds, and its KPIs against
 * the live plan's. Read from Postgres, not from the collaboration server's rooms: saved state
 * trails a live room by at most the flush interval (`flushIntervalMs`, 200 ms by default), which a list can afford, and
 * reading it loads no room.
 */
import * as Y from 'yjs';
import { computeKpis } from '../domain/kpis.ts';
import { kpiDelta, type KpiDelta } from '../domain/scenario/compare.ts';
import { SCENARIO_CELLS_MAP, SCENARIO_LEVERS_MAP } from '../domain/scenario/document.ts';
import { scenarioFigures } from '../domain/scenario/overlay.ts';
import { scenarioDocument } from '../domain/documents.ts';
import type { PlanAccess } from '../domain/roles.ts';
import type { Queryable } from './db/index.ts';
import { readPlanFigures } from './plan-versions.ts';
import { visibleScenarios } from './scenarios.ts';
import { loadDocument } from './yjs-store.ts';

export interface ScenarioSummary {
	id: string;
	/** Cells the scenario holds at its own value (cleared ones included). */
	cellsChanged: number;
	levers: number;
	/** Each KPI of the scenario minus the live plan's. */
	delta: KpiDelta;
}

/** Summaries of these scenarios of the plan, in their order. */
export async function scenarioSummaries(
	db: Queryable,
	planId: string,
	scenarioIds: readonly string[]
): Promise<ScenarioSummary[]> {
	if (scenarioIds.length === 0) return [];
	const { figures, reader, periods, families, items } = await readPlanFigures(db, planId);
	const shape = { families, items, periods };
	const plan = computeKpis(figures, families, items, periods);
	const summaries: ScenarioSummary[] = [];
	for (const id of scenarioIds) {
		const doc = new Y.Doc();
		await loadDocument(db, scenarioDocument(planId, id), doc);
		const cells = doc.getMap<number | null>(SCENARIO_CELLS_MAP);
		const kpis = computeKpis(scenarioFigures(shape, reader, cells), families, items, periods);
		summaries.push({
			id,
			cellsChanged: cells.size,
			levers: doc.getMap(SCENARIO_LEVERS_MAP).size,
			delta: kpiDelta(plan, kpis)
		});
		doc.destroy();
	}
	return summaries;
}

/** The plan's scenarios this person may see, oldest first, each with its summary. */
export async function visibleScenarioSummaries(
	db: Queryable,
	planId: string,
	userId: string,
	access: PlanAccess
) {
	const scenarios = await visibleScenarios(db, planId, userId, access);
	const summaries = await scenarioSummaries(
		db,
		planId,
		scenarios.map((s) => s.id)
	);
	return scenarios.map((s, i) => ({ ...s, summary: summaries[i] }));
}
