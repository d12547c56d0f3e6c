/**
 * Two approved versions compared for their page: a version of this plan against another, or against
 * the latest approved version of the previous cycle's plan (when the reader may see that plan).
 * Both versions are read whole here; the page gets their KPIs and a bounded set of rows.
 */
import { error } from '@sveltejs/kit';
import type { VersionSummary } from '../domain/cycle.ts';
import { computeKpis } from '../domain/kpis.ts';
import {
	compareVersions,
	DELTA_KPIS,
	kpiDelta,
	kpiNumber,
	type KpiDelta
} from '../domain/scenario/compare.ts';
import { versionFigures } from '../domain/version-figures.ts';
import {
	alignToVersion,
	compareTable,
	PREVIOUS_CYCLE,
	type CompareChoices,
	type CompareOptions,
	type CompareSide,
	type PreviousCycleVersion,
	type CompareTable
} from '../domain/version-diff.ts';
import { getPlanAccess } from './access.ts';
import type { Queryable } from './db/index.ts';
import { getVersion, listVersions, type VersionContent } from './plan-versions.ts';
import { notFoundVersion } from './version-view.ts';

/** At most this many rows go to the page; a family narrows the rest. */
export const COMPARE_ROW_LIMIT = 500;

export interface ComparedVersion extends VersionSummary {
	/** The version's plan: this one, or the previous cycle's. */
	planId: string;
	planName: string;
	fromPreviousCycle: boolean;
	kpis: KpiDelta;
}

export interface VersionCompareView {
	a: ComparedVersion;
	b: ComparedVersion;
	/** B − A for each compared KPI. */
	delta: KpiDelta;
	/** The months both versions cover, where cells are compared. */
	periods: string[];
	table: CompareTable;
	onlyDiffering: boolean;
	limit: number;
}

/** The previous cycle's plan's latest approved version, if there is one and `userId` may see it. */
export async function previousCycleVersion(
	db: Queryable,
	userId: string,
	planId: string
): Promise<PreviousCycleVersion | null> {
	const [row] = await db.query<{ id: string; name: string; number: number | null }>(
		`select p.id, p.name, (select max(v.number) from plan_versions v where v.plan_id = p.id) as number
		 from plans p join plans c on c.previous_plan_id = p.id where c.id = $1`,
		[planId]
	);
	if (!row || row.number === null || !(await getPlanAccess(db, userId, row.id))) return null;
	return { planId: row.id, planName: row.name, number: Number(row.number) };
}

export async function compareChoices(
	db: Queryable,
	userId: string,
	planId: string
): Promise<CompareChoices> {
	return {
		versions: await listVersions(db, planId),
		previous: await previousCycleVersion(db, userId, planId)
	};
}

async function readSide(
	db: Queryable,
	plan: { id: string; name: string },
	number: number,
	fromPreviousCycle: boolean
) {
	const version = await getVersion(db, plan.id, number);
	if (!version) notFoundVersion(number);
	const { content, ...summary } = version;
	const kpis = computeKpis(
		versionFigures(content),
		content.families,
		content.items,
		content.periods
	);
	return {
		content,
		kpis,
		view: {
			...summary,
			planId: plan.id,
			planName: plan.name,
			fromPreviousCycle,
			kpis: Object.fromEntries(DELTA_KPIS.map((id) => [id, kpiNumber(kpis, id)])) as KpiDelta
		}
	};
}

/**
 * Version `a` (of this plan, or 'previous') against version `b` of plan `plan`, seen by `userId`.
 * A version that does not exist, or a previous cycle the reader cannot see, is a 404.
 */
export async function getVersionCompare(
	db: Queryable,
	userId: string,
	plan: { id: string; name: string },
	a: CompareSide,
	b: number,
	options: Omit<CompareOptions, 'limit'>
): Promise<VersionCompareView> {
	const sideB = await readSide(db, plan, b, false);
	let sideA;
	if (a === PREVIOUS_CYCLE) {
		const previous = await previousCycleVersion(db, userId, plan.id);
		if (!previous) {
			error(404, {
				message: 'This plan has no previous cycle with an approved version that you can see'
			});
		}
		sideA = await readSide(
			db,
			{ id: previous.planId, name: previous.planName },
			previous.number,
			true
		);
		sideA.content = alignToVersion<VersionContent>(sideA.content, sideB.content);
	} else {
		sideA = await readSide(db, plan, a, false);
	}
	const comparison = compareVersions(sideA.content, sideB.content);
	return {
		a: sideA.view,
		b: sideB.view,
		delta: kpiDelta(sideA.kpis, sideB.kpis),
		periods: comparison.periods,
		table: compareTable(sideA.content, sideB.content, comparison, {
			...options,
			limit: COMPARE_ROW_LIMIT
		}),
		onlyDiffering: options.onlyDiffering,
		limit: COMPARE_ROW_LIMIT
	};
}
