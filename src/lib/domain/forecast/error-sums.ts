/**
 * Forecast error against actual sales, summed over item-months so that it can be pooled over
 * items, families and a plan: the KPI strip's accuracy and the forecast value add both score
 * with it.
 */

export interface ErrorSums {
	/** Σ|forecast − actual| */
	absError: number;
	/** Σ(forecast − actual) */
	error: number;
	/** Σ actual */
	actual: number;
	/** Σ|forecast − actual| ÷ actual over the item-months with actual sales above zero. */
	relErrors: number;
	relCount: number;
	/** Item-months scored, zero sales included. */
	count: number;
}

export interface ErrorScores {
	/** Σ|F − A| ÷ Σ A; null while Σ A is 0. */
	wape: number | null;
	/** Mean |F − A| ÷ A over item-months with A > 0 (a month without sales has no percentage). */
	mape: number | null;
	/** Σ(F − A) ÷ Σ A, positive when forecasts run high; null while Σ A is 0. */
	bias: number | null;
}

export function emptySums(): ErrorSums {
	return { absError: 0, error: 0, actual: 0, relErrors: 0, relCount: 0, count: 0 };
}

/** Adds one item-month; a month with zero sales counts in WAPE and bias, not in MAPE. */
export function addError(sums: ErrorSums, forecast: number, actual: number): void {
	sums.absError += Math.abs(forecast - actual);
	sums.error += forecast - actual;
	sums.actual += actual;
	sums.count++;
	if (actual > 0) {
		sums.relErrors += Math.abs(forecast - actual) / actual;
		sums.relCount++;
	}
}

/** Adds `from` into `into`, as a family pools its items' item-months. */
export function addSums(into: ErrorSums, from: ErrorSums): void {
	into.absError += from.absError;
	into.error += from.error;
	into.actual += from.actual;
	into.relErrors += from.relErrors;
	into.relCount += from.relCount;
	into.count += from.count;
}

export function errorScores(sums: ErrorSums): ErrorScores {
	return {
		wape: sums.actual > 0 ? sums.absError / sums.actual : null,
		mape: sums.relCount ? sums.relErrors / sums.relCount : null,
		bias: sums.actual > 0 ? sums.error / sums.actual : null
	};
}
