import { spread } from '../disaggregate.ts';
import { cellKey, decimalsOf, measure, type InputMeasure } from '../measures.ts';
import { isMonth, periodLabel } from '../periods.ts';
import type { PlanShape, RowReader } from '../plan-figures.ts';

export const LEVER_KINDS = ['percent', 'units', 'factor'] as const;
export type LeverKind = (typeof LEVER_KINDS)[number];

/** The largest amount of each kind: beyond them a lever is a typing slip, not a what-if. */
export const LEVER_LIMITS: Record<LeverKind, number> = {
	percent: 10_000,
	units: 1e9,
	factor: 1_000
};

/** Whose cells a lever changes: one item, one family, or (neither) the whole plan. */
export interface LeverScope {
	familyId?: string;
	itemId?: string;
}

/**
 * A what-if applied in one action and kept as an assumption of the scenario: "+20 % consensus
 * demand for family F over Apr–Jun" is `{ kind: 'percent', measure: 'consensus', scope:
 * { familyId: F }, from: '…-04', to: '…-06', amount: 20 }`. `units` add `amount` to the scope's
 * total in each month; `factor` multiplies by it.
 */
export interface Lever {
	id: string;
	kind: LeverKind;
	measure: string;
	scope: LeverScope;
	/** First and last month, 'YYYY-MM', both included. */
	from: string;
	to: string;
	amount: number;
	author: string;
	note: string;
}

/** One cell a lever writes: its `cellKey`, new value and the scenario's value before (null: empty). */
export interface LeverCell {
	key: string;
	value: number;
	was: number | null;
}

const describe = (lever: Lever) =>
	lever.kind === 'percent'
		? `${lever.amount} %`
		: lever.kind === 'factor'
			? `× ${lever.amount}`
			: `${lever.amount} units`;

/** Why a lever cannot be applied to this plan, in words fit to show its author; null when it can. */
export function leverProblem(lever: Lever, shape: PlanShape): string | null {
	const m = measure(lever.measure);
	if (!m) return `There is no measure "${lever.measure}"`;
	if (m.kind === 'derived') {
		return `${m.label} is computed from other measures; put the lever on one of those`;
	}
	if (m.readOnly) return `${m.label} is an imported input; a lever cannot change it`;
	if (!LEVER_KINDS.includes(lever.kind)) return `"${lever.kind}" is not a kind of lever`;
	if (!Number.isFinite(lever.amount)) return 'The amount must be a number';
	const limit = LEVER_LIMITS[lever.kind];
	if (Math.abs(lever.amount) > limit) {
		return `A ${lever.kind} lever goes up to ${limit.toLocaleString('en')}; ${lever.amount} is beyond any plan`;
	}
	if (!m.allowNegative && lever.kind === 'percent' && lever.amount <= -100) {
		return `${m.label} cannot fall by 100 % or more (${lever.amount} %)`;
	}
	if (!m.allowNegative && lever.kind === 'factor' && lever.amount <= 0) {
		return `${m.label} can only be multiplied by a number above zero, not ${lever.amount}`;
	}
	const decimals = decimalsOf(m.format);
	const scaled = lever.amount * 10 ** decimals;
	if (lever.kind === 'units' && Math.abs(scaled - Math.round(scaled)) > 1e-6) {
		const takes = decimals === 0 ? 'whole numbers' : `at most ${decimals} decimals`;
		return `${m.label} takes ${takes}, not ${lever.amount}`;
	}
	if (lever.amount === (lever.kind === 'factor' ? 1 : 0)) {
		return `A lever of ${describe(lever)} changes nothing`;
	}

	const { familyId, itemId } = lever.scope;
	const family = familyId === undefined ? undefined : shape.families.find((f) => f.id === familyId);
	if (familyId !== undefined && !family) return `This plan has no family "${familyId}"`;
	if (itemId !== undefined) {
		if (m.level === 'family') {
			return `${m.label} is kept per family: choose a family or the whole plan, not an item`;
		}
		const item = shape.items.find((i) => i.id === itemId);
		if (!item) return `This plan has no item "${itemId}"`;
		if (family && item.family_id !== family.id) {
			return `Item ${item.sku} is not in family ${family.name}`;
		}
	}

	if (!lever.from || !lever.to) return 'Choose the first and last month of the lever';
	for (const month of [lever.from, lever.to]) {
		if (!isMonth(month)) return `"${month}" is not a month (YYYY-MM)`;
	}
	if (lever.from > lever.to) return `The range ends (${lever.to}) before it starts (${lever.from})`;
	const first = shape.periods[0];
	const last = shape.periods[shape.periods.length - 1];
	for (const month of [lever.from, lever.to]) {
		if (!shape.periods.includes(month)) {
			return `${month} is not a month of this plan (${first} to ${last})`;
		}
	}
	if (m.firstPeriodOnly && lever.to !== first) {
		return `${m.label} is set in the first month only: the lever's range must be ${first} alone`;
	}
	return null;
}

/** The owners (items, or families for family-level measures) of the rows a lever changes. */
function ownersOf(lever: Lever, m: InputMeasure, shape: PlanShape): string[] {
	const { familyId, itemId } = lever.scope;
	if (m.level === 'family') {
		return familyId === undefined ? shape.families.map((f) => f.id) : [familyId];
	}
	if (itemId !== undefined) return [itemId];
	const items =
		familyId === undefined ? shape.items : shape.items.filter((i) => i.family_id === familyId);
	return items.map((i) => i.id);
}

/**
 * The cells a lever writes, reading the scenario's current values (its base and earlier changes)
 * through `current`, so levers compose. Percent and factor levers scale every non-empty cell of the
 * scope; a units lever adds its amount to the scope's total in each month, spread over the scope's
 * rows as a family total typed in the grid is. Values keep the measure's decimals; quantities that
 * cannot be negative stop at zero. Cells the lever leaves as they are are not listed.
 */
export function leverChanges(lever: Lever, shape: PlanShape, current: RowReader): LeverCell[] {
	const problem = leverProblem(lever, shape);
	if (problem) throw new Error(problem);
	const m = measure(lever.measure) as InputMeasure;
	const decimals = decimalsOf(m.format);
	const scale = 10 ** decimals;
	// Half away from zero, nudged so float noise (2.5 × 1.03 = 2.57499…) does not round down;
	// + 0 turns a −0 into 0.
	const round = (v: number) =>
		(Math.sign(v) * Math.round(Math.abs(v * scale) * (1 + 1e-12))) / scale + 0;
	const floor = (v: number) => (m.allowNegative ? v : Math.max(0, v));
	const t0 = shape.periods.indexOf(lever.from);
	const t1 = shape.periods.indexOf(lever.to);
	const owners = ownersOf(lever, m, shape);
	const rows = owners.map((owner) => current(m, owner));
	const out: LeverCell[] = [];
	const write = (i: number, t: number, value: number) => {
		const was = rows[i][t];
		// A units lever leaves an empty cell empty where its share is nothing.
		if (Number.isNaN(was) ? value !== 0 : value !== was) {
			const key = cellKey(owners[i], shape.periods[t], m.id);
			out.push({ key, value, was: Number.isNaN(was) ? null : was });
		}
	};

	if (lever.kind !== 'units') {
		const factor = lever.kind === 'factor' ? lever.amount : 1 + lever.amount / 100;
		rows.forEach((row, i) => {
			for (let t = t0; t <= t1; t++) {
				if (!Number.isNaN(row[t])) write(i, t, round(floor(row[t] * factor)));
			}
		});
		return out;
	}
	for (let t = t0; t <= t1; t++) {
		const parts = rows.map((row) => (Number.isNaN(row[t]) ? 0 : row[t]));
		const total = floor(parts.reduce((a, b) => a + b, 0) + lever.amount);
		spread(total, parts, decimals).forEach((value, i) => write(i, t, value));
	}
	return out;
}

/**
 * A lever in a line a meeting reads: "+20 % Consensus demand · Bikes · Apr 2027 – Jun 2027".
 * `names` gives families' and items' names by id.
 */
export function leverSummary(lever: Lever, names: Readonly<Record<string, string>>): string {
	const m = measure(lever.measure);
	const sign = lever.amount > 0 ? '+' : '';
	const amount =
		lever.kind === 'percent'
			? `${sign}${lever.amount} %`
			: lever.kind === 'units'
				? `${sign}${lever.amount} units`
				: `× ${lever.amount}`;
	const { familyId, itemId } = lever.scope;
	const scope =
		itemId !== undefined
			? (names[itemId] ?? 'a removed item')
			: familyId !== undefined
				? (names[familyId] ?? 'a removed family')
				: 'whole plan';
	const months =
		lever.from === lever.to
			? periodLabel(lever.from)
			: `${periodLabel(lever.from)} – ${periodLabel(lever.to)}`;
	return `${amount} ${m?.label ?? lever.measure} · ${scope} · ${months}`;
}
