/**
 * Approved versions: when executive review locks, the plan's every value (typed and derived, per
 * item, family and for the whole plan) is written once into `plan_versions` and never changed.
 */
import * as Y from 'yjs';
import { readerOf, StepValues } from '../sync/step-values.ts';
import type { ThreadView } from '../domain/comments.ts';
import type { VersionSummary } from '../domain/cycle.ts';
import { stepDocument, STEPS_WITH_CELLS } from '../domain/documents.ts';
import { MEASURES } from '../domain/measures.ts';
import { PlanFigures, type Figures, type RowReader } from '../domain/plan-figures.ts';
import type { StepNumber } from '../domain/roles.ts';
import { listThreads } from './comments.ts';
import type { Queryable } from './db/index.ts';
import { getPlan, getPlanShape, type PlanFamily, type PlanItem } from './plans.ts';
import { loadDocument } from './yjs-store.ts';

/** Values by measure id, one per month, null where empty. */
export type VersionRow = Record<string, (number | null)[]>;

export interface VersionContent {
	plan: { name: string; startMonth: string; horizon: number };
	periods: string[];
	families: PlanFamily[];
	items: PlanItem[];
	/** Keyed by item or family id, and 'total' for the whole plan. */
	rows: Record<string, VersionRow>;
	/** The plan's comment threads as they stood at approval. */
	comments: ThreadView[];
}

/** The plan as it stands in Postgres: its figures over the saved step documents. */
export async function readPlanFigures(
	db: Queryable,
	planId: string
): Promise<{
	figures: PlanFigures;
	/** The saved rows the figures read, for figures laid over them (a scenario's). */
	reader: RowReader;
	periods: string[];
	families: PlanFamily[];
	items: PlanItem[];
}> {
	const shape = await getPlanShape(db, planId);
	if (!shape) throw new Error(`No plan ${planId}`);
	const { families, items, periods } = shape;
	const values = await loadStepValues(db, planId, periods);
	const reader = readerOf(values);
	const figures = new PlanFigures({ families, items, periods }, reader);
	return { figures, reader, periods, families, items };
}

/** The values of the plan's steps that hold cells, as saved in Postgres. */
export async function loadStepValues(
	db: Queryable,
	planId: string,
	periods: readonly string[]
): Promise<Map<StepNumber, StepValues>> {
	const periodIndex = new Map(periods.map((p, i) => [p, i]));
	const values = new Map<StepNumber, StepValues>();
	for (const step of STEPS_WITH_CELLS) {
		const doc = new Y.Doc();
		await loadDocument(db, stepDocument(planId, step), doc);
		values.set(step, new StepValues(doc, periodIndex));
	}
	return values;
}

function rowOf(figures: Figures, level: 'item' | 'family'): VersionRow {
	const row: VersionRow = {};
	for (const m of MEASURES) {
		if (level === 'item' && m.level !== 'item') continue;
		const series = figures[m.id];
		if (series) row[m.id] = Array.from(series, (v) => (Number.isFinite(v) ? v : null));
	}
	return row;
}

/** Every value of the plan as it stands in Postgres, typed and derived, as a version holds it. */
export async function buildVersionContent(db: Queryable, planId: string): Promise<VersionContent> {
	const plan = await getPlan(db, planId);
	if (!plan) throw new Error(`No plan ${planId}`);
	const { figures, periods, families, items } = await readPlanFigures(db, planId);
	const rows: Record<string, VersionRow> = { total: rowOf(figures.total(), 'family') };
	for (const f of families) rows[f.id] = rowOf(figures.family(f.id), 'family');
	for (const i of items) rows[i.id] = rowOf(figures.item(i.id), 'item');
	return {
		plan: { name: plan.name, startMonth: plan.start_month, horizon: plan.horizon },
		periods,
		families,
		items,
		rows,
		comments: await listThreads(db, planId)
	};
}

/** The scenario an approval chose, as the version keeps it. */
export interface ChosenScenario {
	id: string;
	name: string;
}

/** Saves `content` as the plan's next approved version; returns the version number. */
export async function saveApprovedVersion(
	tx: Queryable,
	planId: string,
	userId: string,
	content: VersionContent,
	scenario: ChosenScenario | null = null
): Promise<number> {
	const [{ next }] = await tx.query<{ next: number }>(
		`select coalesce(max(number), 0) + 1 as next from plan_versions where plan_id = $1`,
		[planId]
	);
	await tx.query(
		// The text cast stops postgres-js from encoding the JSON text once more as a JSON string.
		`insert into plan_versions (plan_id, number, approved_by, content, scenario_id, scenario_name)
		 values ($1, $2, $3, $4::text::json, $5, $6)`,
		[planId, next, userId, JSON.stringify(content), scenario?.id ?? null, scenario?.name ?? null]
	);
	await tx.query(`update plans set approved_version = $2 where id = $1`, [planId, next]);
	return Number(next);
}

export async function listVersions(db: Queryable, planId: string): Promise<VersionSummary[]> {
	const rows = await db.query<{
		number: number;
		name: string | null;
		approved_at: unknown;
		scenario_name: string | null;
	}>(
		`select v.number, u.name, v.approved_at, v.scenario_name from plan_versions v
		 left join users u on u.id = v.approved_by where v.plan_id = $1 order by v.number desc`,
		[planId]
	);
	return rows.map((r) => ({
		number: Number(r.number),
		approvedBy: r.name,
		approvedAt: new Date(r.approved_at as string).toISOString(),
		scenarioName: r.scenario_name
	}));
}

export async function getVersion(
	db: Queryable,
	planId: string,
	number: number
): Promise<(VersionSummary & { content: VersionContent }) | null> {
	const [row] = await db.query<{
		number: number;
		name: string | null;
		approved_at: unknown;
		scenario_name: string | null;
		content: VersionContent;
	}>(
		`select v.number, u.name, v.approved_at, v.scenario_name, v.content from plan_versions v
		 left join users u on u.id = v.approved_by where v.plan_id = $1 and v.number = $2`,
		[planId, number]
	);
	if (!row) return null;
	return {
		number: Number(row.number),
		approvedBy: row.name,
		approvedAt: new Date(row.approved_at as string).toISOString(),
		scenarioName: row.scenario_name,
		content: row.content
	};
}
