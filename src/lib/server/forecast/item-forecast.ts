import type { ItemForecastView, MonthInterval } from '../../domain/forecast/item-view.ts';
import { MIN_BACKTEST_MONTHS, holdoutMonths } from '../../domain/forecast/backtest.ts';
import type { Method } from '../../domain/forecast/select.ts';
import { periods as monthsOf } from '../../domain/periods.ts';
import type { Queryable } from '../db/index.ts';
import { readPlanFigures } from '../plan-versions.ts';
import type { Plan } from '../plans.ts';
import { readSalesSeries } from './sales-series.ts';

/** One item's baseline explained, beside its history and the plan's demand rows; null: no item. */
export async function readItemForecast(
	db: Queryable,
	plan: Plan,
	itemId: string
): Promise<ItemForecastView | null> {
	const { figures, periods, items } = await readPlanFigures(db, plan.id);
	const item = items.find((i) => i.id === itemId);
	if (!item) return null;
	const [saved] = await db.query<{
		method: Method;
		history_months: number;
		backtest_wape: number | null;
		backtest_mase: number | null;
		sigma: number;
		intervals: MonthInterval[];
		refreshed_at: unknown;
	}>(
		`select method, history_months, backtest_wape, backtest_mase, sigma, intervals, refreshed_at
		 from item_forecasts where plan_id = $1 and item_id = $2`,
		[plan.id, itemId]
	);
	const { series } = await readSalesSeries(db, plan.workspace_id, [item.sku], plan.start_month);
	const history = series.get(item.sku);
	const values = figures.item(item.id);
	const row = (measure: string) =>
		Array.from(values[measure], (v) => (Number.isFinite(v) ? v : null));
	const months = Number(saved?.history_months ?? 0);
	return {
		item: { id: item.id, sku: item.sku, name: item.name },
		periods,
		forecast: saved
			? {
					method: saved.method,
					historyMonths: months,
					backtest:
						months >= MIN_BACKTEST_MONTHS
							? {
									months: holdoutMonths(months),
									wape: nullableNumber(saved.backtest_wape),
									mase: nullableNumber(saved.backtest_mase)
								}
							: null,
					sigma: Number(saved.sigma),
					intervals: saved.intervals,
					refreshedAt: new Date(saved.refreshed_at as string).toISOString()
				}
			: null,
		history: history
			? { months: monthsOf(history.start, history.values.length), values: history.values }
			: { months: [], values: [] },
		rows: { baseline: row('baseline'), forecast: row('forecast'), consensus: row('consensus') }
	};
}

function nullableNumber(value: number | null): number | null {
	return value === null ? null : Number(value);
}
