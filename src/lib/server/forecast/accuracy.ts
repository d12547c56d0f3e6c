/**
 * Forecast value add of a plan, from the forecasts its cycles approved and the sales that followed.
 *
 * Which forecast counts for a month M (the lag rule): the forecasts as they stood in the approved
 * versions of this plan's cycle chain (this plan, then `previous_plan_id` back through the
 * cycles). For M, the plan whose first month is the latest one at or before M among the plans
 * whose horizon holds M and that have an approved version, and its latest approved version: the
 * last plan approved before M was sold, at the shortest lag (0 when M is its first month). An item
 * that plan did not have is taken from the next older one. Items are matched across cycles by SKU,
 * since each cycle's plan has its own item ids.
 *
 * Actual sales come from the workspace's sales history (by SKU); where it has none for a month, from
 * the newest of those versions whose actual-sales row holds that month.
 */
import {
	forecastValueAdd,
	hasPlannedForecast,
	type FvaItem,
	type FvaTable,
	type PlannedForecast
} from '../../domain/forecast/fva.ts';
import type { Queryable } from '../db/index.ts';
import { getHierarchy, getPlan } from '../plans.ts';

/** The rows of a version the analysis reads. */
type VersionRows = Record<PlannedForecast | 'actual', (number | null)[] | undefined>;

interface ChainVersion {
	planId: string;
	planName: string;
	number: number;
	startMonth: string;
	periods: string[];
	/** Rows by lower-cased SKU. */
	rows: Map<string, VersionRows>;
}

/** A version the analysis took forecasts from. */
export interface VersionUsed {
	planId: string;
	planName: string;
	number: number;
	startMonth: string;
	horizon: number;
}

export interface AccuracyReport {
	table: FvaTable;
	/** The versions whose forecasts were scored. */
	versions: VersionUsed[];
	/** How many plans of the chain have an approved version, scored or not. */
	approvedPlans: number;
	/** The months with actual sales of the plan's items, in order, scored or not. */
	salesMonths: string[];
}

const skuKey = (sku: string) => sku.trim().toLowerCase();

/** This plan and the plans of its earlier cycles, newest first, each with its latest version. */
async function chainVersions(db: Queryable, planId: string): Promise<ChainVersion[]> {
	const chain = await db.query<{ id: string; name: string; latest: number | null }>(
		// The depth bound guards against a cycle in the chain, which nothing should ever make.
		`with recursive chain (id, previous_plan_id, depth) as (
			select id, previous_plan_id, 0 from plans where id = $1
			union all
			select p.id, p.previous_plan_id, c.depth + 1 from plans p
			join chain c on p.id = c.previous_plan_id where c.depth < 600
		)
		select c.id, p.name, (select max(v.number) from plan_versions v where v.plan_id = c.id) as latest
		from chain c join plans p on p.id = c.id order by c.depth`,
		[planId]
	);
	const versions: ChainVersion[] = [];
	for (const link of chain) {
		if (link.latest === null) continue;
		versions.push(await readVersion(db, link.id, link.name, Number(link.latest)));
	}
	return versions.sort((a, b) => (a.startMonth < b.startMonth ? 1 : -1));
}

/** Only the rows the analysis needs: a version of a large plan is megabytes of JSON. */
async function readVersion(
	db: Queryable,
	planId: string,
	planName: string,
	number: number
): Promise<ChainVersion> {
	const [row] = await db.query<{
		plan: { startMonth: string };
		periods: string[];
		items: { id: string; sku: string }[];
		rows: Record<string, VersionRows> | null;
	}>(
		`select content->'plan' as plan, content->'periods' as periods, content->'items' as items,
		        (select json_object_agg(r.key, json_build_object(
		            'baseline', r.value->'baseline', 'forecast', r.value->'forecast',
		            'consensus', r.value->'consensus', 'actual', r.value->'actual'))
		         from json_each(v.content->'rows') r) as rows
		 from plan_versions v where v.plan_id = $1 and v.number = $2`,
		[planId, number]
	);
	const rows = new Map<string, VersionRows>();
	for (const item of row.items) {
		const r = row.rows?.[item.id];
		if (r) rows.set(skuKey(item.sku), r);
	}
	return { planId, planName, number, startMonth: row.plan.startMonth, periods: row.periods, rows };
}

async function salesHistory(
	db: Queryable,
	workspaceId: string
): Promise<Map<string, Map<string, number>>> {
	const rows = await db.query<{ sku: string; month: string; quantity: number }>(
		`select sku, month, quantity from sales_history where workspace_id = $1`,
		[workspaceId]
	);
	const bySku = new Map<string, Map<string, number>>();
	for (const r of rows) {
		const key = skuKey(r.sku);
		let months = bySku.get(key);
		if (!months) bySku.set(key, (months = new Map()));
		months.set(r.month, Number(r.quantity));
	}
	return bySku;
}

const FORECASTS: PlannedForecast[] = ['baseline', 'forecast', 'consensus'];

/** The forecast value add table of a plan: see the lag rule above. */
export async function accuracyReport(db: Queryable, planId: string): Promise<AccuracyReport> {
	const plan = await getPlan(db, planId);
	if (!plan) throw new Error(`No plan ${planId}`);
	const { families, items } = await getHierarchy(db, planId);
	const versions = await chainVersions(db, planId);
	const history = await salesHistory(db, plan.workspace_id);
	const used = new Set<ChainVersion>();
	const salesMonths = new Set<string>();

	const fvaItems = items.map((item): FvaItem => {
		const sku = skuKey(item.sku);
		const actuals = new Map(history.get(sku));
		const forecasts = new Map<string, Partial<Record<PlannedForecast, number>>>();
		const source = new Map<string, ChainVersion>();
		// Newest version first: the first to hold a month wins, for forecasts and fallback actuals.
		for (const version of versions) {
			const rows = version.rows.get(sku);
			if (!rows) continue;
			version.periods.forEach((month, t) => {
				const actual = rows.actual?.[t];
				if (!actuals.has(month) && actual !== null && actual !== undefined) {
					actuals.set(month, actual);
				}
				if (forecasts.has(month)) return;
				const values: Partial<Record<PlannedForecast, number>> = {};
				for (const kind of FORECASTS) {
					const v = rows[kind]?.[t];
					if (v !== null && v !== undefined) values[kind] = v;
				}
				forecasts.set(month, values);
				source.set(month, version);
			});
		}
		for (const [month, version] of source) {
			if (actuals.has(month) && hasPlannedForecast(forecasts.get(month))) used.add(version);
		}
		for (const month of actuals.keys()) salesMonths.add(month);
		return {
			id: item.id,
			name: `${item.name} (${item.sku})`,
			familyId: item.family_id,
			actuals,
			forecasts
		};
	});

	return {
		table: forecastValueAdd(plan.name, families, fvaItems),
		versions: versions
			.filter((v) => used.has(v))
			.map((v) => ({
				planId: v.planId,
				planName: v.planName,
				number: v.number,
				startMonth: v.startMonth,
				horizon: v.periods.length
			})),
		approvedPlans: versions.length,
		salesMonths: [...salesMonths].sort()
	};
}
