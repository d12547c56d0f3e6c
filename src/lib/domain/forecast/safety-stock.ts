/**
 * Statistical safety stock: enough stock to cover the forecast's error over an item's
 * replenishment lead time in the share of months the service level asks for.
 *
 *   safety stock = z × σ × √L,   reorder point (month t) = demand over L from t + safety stock
 *
 * z = Φ⁻¹(service level); σ = standard deviation of the one-step (one-month) forecast error, in
 * units a month, as the baseline refresh measured it; L = lead time in months (days ÷ 30.4375, the
 * average month). √L assumes the months' errors are independent. Demand over the lead time is the
 * consensus demand from month t on, a fractional last month counted pro rata.
 */
import { inverseNormal } from './inverse-normal.ts';

/** The average Gregorian month in days (365.25 ÷ 12). */
export const DAYS_PER_MONTH = 30.4375;

/** The service levels a plan may aim at, as the database allows them. */
export const SERVICE_LEVEL_MIN = 0.5;
export const SERVICE_LEVEL_MAX = 0.999;

/** Why a service level (in percent, as a person types it) cannot be used, or null. */
export function serviceLevelProblem(percent: number): string | null {
	if (!Number.isFinite(percent)) return 'Enter the service level as a percentage, e.g. 95';
	if (percent < SERVICE_LEVEL_MIN * 100 || percent > SERVICE_LEVEL_MAX * 100) {
		return `The service level is between ${SERVICE_LEVEL_MIN * 100} % and ${SERVICE_LEVEL_MAX * 100} %`;
	}
	return null;
}

export const NO_SIGMA = 'No forecast error yet: refresh the statistical baseline';
export const NO_LEAD_TIME = 'No lead time: import the item list with lead times';

export type SafetyStockSuggestion =
	| {
			kind: 'suggested';
			/** Whole units, rounded up; the same every month. */
			safetyStock: number;
			/** Per plan month, whole units rounded up; null where the lead time runs past the horizon. */
			reorderPoints: (number | null)[];
			leadTimeMonths: number;
	  }
	| { kind: 'none'; reason: string };

/**
 * Demand over `months` (fractional) from month `t` on; empty months count as none. Null when the
 * lead time runs past the last month of `demand`.
 */
export function demandOverLeadTime(
	demand: ArrayLike<number>,
	t: number,
	months: number
): number | null {
	const whole = Math.floor(months);
	const part = months - whole;
	if (t + whole + (part > 0 ? 1 : 0) > demand.length) return null;
	const at = (i: number) => (Number.isNaN(demand[i]) ? 0 : demand[i]);
	let total = 0;
	for (let k = 0; k < whole; k++) total += at(t + k);
	if (part > 0) total += part * at(t + whole);
	return total;
}

/** Rounds up to a whole unit, forgiving floating-point dust (12.0000000001 stays 12). */
const unitsUp = (x: number) => Math.ceil(x - 1e-9);

/** The suggested safety stock and reorder points of one item, or why there are none. */
export function suggestSafetyStock(
	item: { sigma: number | null; leadTimeDays: number | null; demand: ArrayLike<number> },
	serviceLevel: number
): SafetyStockSuggestion {
	if (item.sigma === null) return { kind: 'none', reason: NO_SIGMA };
	if (item.leadTimeDays === null) return { kind: 'none', reason: NO_LEAD_TIME };
	const leadTimeMonths = item.leadTimeDays / DAYS_PER_MONTH;
	const safetyStock = Math.max(
		0,
		unitsUp(inverseNormal(serviceLevel) * item.sigma * Math.sqrt(leadTimeMonths))
	);
	const reorderPoints = Array.from({ length: item.demand.length }, (_, t) => {
		const lead = demandOverLeadTime(item.demand, t, leadTimeMonths);
		return lead === null ? null : unitsUp(lead) + safetyStock;
	});
	return { kind: 'suggested', safetyStock, reorderPoints, leadTimeMonths };
}
