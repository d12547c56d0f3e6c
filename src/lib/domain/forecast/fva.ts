/**
 * Forecast value add: how accurate each forecast of the demand review was against actual sales,
 * and whether each step of the process made the forecast better or worse.
 *
 * The four forecasts, in process order:
 * - naive: last month's actual sales, the usual reference of a forecast-value-add analysis (the
 *   forecast that costs nothing; a process that cannot beat it adds no value);
 * - statistical baseline, sales forecast and consensus demand, as the planning team had them
 *   (which version counts for a month is the caller's rule; see server/forecast/accuracy.ts).
 *
 * Only the item-months an approved plan forecast are scored, naive included: every forecast's
 * WAPE then covers the same months, where naive alone over years of sales history would be a
 * different, easier or harder, set of months than the plans'.
 *
 * Errors are taken per item and month and pooled upwards, so a family's WAPE is its items' absolute
 * errors over their sales: one item's over-forecast does not hide another's under-forecast (bias,
 * being signed, does net out). See error-sums.ts for WAPE, MAPE and bias; months with zero sales
 * count in WAPE and bias, MAPE skips them.
 */
import {
	addError,
	addSums,
	emptySums,
	errorScores,
	type ErrorScores,
	type ErrorSums
} from './error-sums.ts';
import { monthOf } from '../periods.ts';

export const FORECASTS = ['naive', 'baseline', 'forecast', 'consensus'] as const;
export type ForecastKind = (typeof FORECASTS)[number];
/** The forecasts a plan holds; naive is derived from actual sales. */
export type PlannedForecast = Exclude<ForecastKind, 'naive'>;

export const FORECAST_LABELS: Record<ForecastKind, string> = {
	naive: 'Naive (last month’s sales)',
	baseline: 'Statistical baseline',
	forecast: 'Sales forecast',
	consensus: 'Consensus demand'
};

/** Each step of the process against the one before it. */
export const FVA_STEPS = [
	['naive', 'baseline'],
	['baseline', 'forecast'],
	['forecast', 'consensus']
] as const satisfies readonly (readonly [ForecastKind, ForecastKind])[];

export interface FvaItem {
	id: string;
	name: string;
	familyId: string;
	/** Actual sales by month ('YYYY-MM'). */
	actuals: ReadonlyMap<string, number>;
	/** The forecasts that count for a month, by month; a forecast left out was empty. */
	forecasts: ReadonlyMap<string, Partial<Record<PlannedForecast, number>>>;
}

/** Whether a month's planned forecasts hold any value: only such months are scored. */
export function hasPlannedForecast(
	planned: Partial<Record<PlannedForecast, number>> | undefined
): boolean {
	return planned !== undefined && Object.keys(planned).length > 0;
}

export interface FvaScores extends ErrorScores {
	/** Item-months scored: months with actual sales and this forecast. */
	months: number;
}

export interface FvaGain {
	from: ForecastKind;
	to: ForecastKind;
	/**
	 * WAPE of `from` minus WAPE of `to` over the item-months both forecasts have (so the two are
	 * compared on the same months): positive when the step made the forecast better. Null without
	 * sales in those months.
	 */
	wapeGain: number | null;
	months: number;
}

export interface FvaRow {
	id: string;
	name: string;
	level: 'plan' | 'family' | 'item';
	scores: Record<ForecastKind, FvaScores>;
	gains: FvaGain[];
}

export interface FvaTable {
	/** The months scored anywhere (with sales and a planned forecast), in order. */
	months: string[];
	plan: FvaRow;
	families: FvaRow[];
	/** With their family's id. */
	items: (FvaRow & { familyId: string })[];
}

interface Sums {
	scores: Record<ForecastKind, ErrorSums>;
	/** Per step of FVA_STEPS: the `from` and `to` forecasts over the months both have. */
	pairs: [ErrorSums, ErrorSums][];
}

const emptyAll = (): Sums => ({
	scores: {
		naive: emptySums(),
		baseline: emptySums(),
		forecast: emptySums(),
		consensus: emptySums()
	},
	pairs: FVA_STEPS.map(() => [emptySums(), emptySums()])
});

function pool(into: Sums, from: Sums): void {
	for (const kind of FORECASTS) addSums(into.scores[kind], from.scores[kind]);
	into.pairs.forEach(([a, b], s) => {
		addSums(a, from.pairs[s][0]);
		addSums(b, from.pairs[s][1]);
	});
}

function rowOf(id: string, name: string, level: FvaRow['level'], sums: Sums): FvaRow {
	const scores = Object.fromEntries(
		FORECASTS.map((k) => [k, { ...errorScores(sums.scores[k]), months: sums.scores[k].count }])
	) as Record<ForecastKind, FvaScores>;
	const gains = FVA_STEPS.map(([from, to], s): FvaGain => {
		const [a, b] = sums.pairs[s];
		const before = errorScores(a).wape;
		const after = errorScores(b).wape;
		return {
			from,
			to,
			wapeGain: before === null || after === null ? null : before - after,
			months: a.count
		};
	});
	return { id, name, level, scores, gains };
}

const previousMonth = (month: string) => monthOf(new Date(`${month}-01T00:00:00Z`), -1);

function itemSums(item: FvaItem, months: Set<string>): Sums {
	const sums = emptyAll();
	for (const [month, actual] of item.actuals) {
		const planned = item.forecasts.get(month);
		if (!hasPlannedForecast(planned)) continue;
		const forecasts: Partial<Record<ForecastKind, number>> = {
			...planned,
			naive: item.actuals.get(previousMonth(month))
		};
		for (const kind of FORECASTS) {
			const f = forecasts[kind];
			if (f === undefined) continue;
			addError(sums.scores[kind], f, actual);
			months.add(month);
		}
		FVA_STEPS.forEach(([from, to], s) => {
			const a = forecasts[from];
			const b = forecasts[to];
			if (a === undefined || b === undefined) return;
			addError(sums.pairs[s][0], a, actual);
			addError(sums.pairs[s][1], b, actual);
		});
	}
	return sums;
}

/** Accuracy of the four forecasts and the value each step adds, per item, family and plan. */
export function forecastValueAdd(
	planName: string,
	families: readonly { id: string; name: string }[],
	items: readonly FvaItem[]
): FvaTable {
	const months = new Set<string>();
	const plan = emptyAll();
	const byFamily = new Map(families.map((f) => [f.id, emptyAll()]));
	const itemRows = items.map((item) => {
		const sums = itemSums(item, months);
		const family = byFamily.get(item.familyId);
		if (family) pool(family, sums);
		pool(plan, sums);
		return { ...rowOf(item.id, item.name, 'item', sums), familyId: item.familyId };
	});
	return {
		months: [...months].sort(),
		plan: rowOf('total', planName, 'plan', plan),
		families: families.map((f) => rowOf(f.id, f.name, 'family', byFamily.get(f.id)!)),
		items: itemRows
	};
}
