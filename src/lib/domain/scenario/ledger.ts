import type { PlanShape, RowReader } from '../plan-figures.ts';
import { leverChanges, leverProblem, type Lever, type LeverCell } from './levers.ts';
import type { Changes } from './overlay.ts';

/** Who last wrote a scenario's cell: a lever, or a person's edit. */
export type Writer = `lever:${string}` | `edit:${string}`;

export const leverWriter = (leverId: string): Writer => `lever:${leverId}`;
export const editWriter = (userId: string): Writer => `edit:${userId}`;

/** A keyed store the ledger writes to: a Map here, a Y.Map in a scenario document. */
export interface Store<V> {
	get(key: string): V | undefined;
	has(key: string): boolean;
	set(key: string, value: V): unknown;
	delete(key: string): unknown;
}

/**
 * What a scenario keeps per changed cell (`cellKey`): its value, the base value it had when the
 * scenario first changed it (for the three-way merge) and who wrote it last. A cell is in all
 * three or in none.
 */
export interface ScenarioLedger {
	changes: Store<number | null> & Changes;
	forkValues: Store<number | null>;
	writers: Store<Writer>;
}

/** A cell's scenario value and writer before a lever wrote it; null where it read through to the base. */
export type Prior = { value: number | null; writer: Writer } | null;

/** A lever applied to a scenario: the cells it wrote and, for those the scenario had already changed, what they held. */
export interface LeverRecord {
	lever: Lever;
	cells: string[];
	/** Only cells that held a scenario value: the others read through to the base before it. */
	before: Map<string, NonNullable<Prior>>;
}

function write(
	ledger: ScenarioLedger,
	key: string,
	value: number | null,
	writer: Writer,
	baseValue: number | null
): Prior {
	const changed = ledger.changes.has(key);
	const prior: Prior = changed
		? { value: ledger.changes.get(key) ?? null, writer: ledger.writers.get(key)! }
		: null;
	if (!changed) ledger.forkValues.set(key, baseValue);
	ledger.changes.set(key, value);
	ledger.writers.set(key, writer);
	return prior;
}

function restore(ledger: ScenarioLedger, key: string, prior: Prior): void {
	if (prior) {
		ledger.changes.set(key, prior.value);
		ledger.writers.set(key, prior.writer);
	} else {
		ledger.changes.delete(key);
		ledger.forkValues.delete(key);
		ledger.writers.delete(key);
	}
}

/** A person's edit of one scenario cell; `baseValue` is the cell's value in the base plan now. */
export function recordEdit(
	ledger: ScenarioLedger,
	key: string,
	value: number | null,
	userId: string,
	baseValue: number | null
): void {
	write(ledger, key, value, editWriter(userId), baseValue);
}

/**
 * Applies a lever over the scenario as it stands and records it; the caller appends the record to
 * the scenario's levers. `current` reads the scenario's rows (base + changes, earlier levers
 * included): `overlayReader`, or the reader of a `ChangeIndex` kept up to date.
 */
export function applyLever(
	ledger: ScenarioLedger,
	lever: Lever,
	shape: PlanShape,
	current: RowReader
): { ok: true; record: LeverRecord; cells: LeverCell[] } | { ok: false; error: string } {
	const problem = leverProblem(lever, shape);
	if (problem) return { ok: false, error: problem };
	const cells = leverChanges(lever, shape, current);
	const writer = leverWriter(lever.id);
	const keys: string[] = [];
	const before = new Map<string, NonNullable<Prior>>();
	for (const { key, value, was } of cells) {
		// A cell the scenario had not changed held its base value: that is its fork value.
		const prior = write(ledger, key, value, writer, was);
		if (prior) before.set(key, prior);
		keys.push(key);
	}
	return { ok: true, record: { lever, cells: keys, before }, cells };
}

/**
 * Takes a lever off a scenario. Each cell it was the last to write goes back to what it held
 * before the lever (the base, or an earlier edit's or lever's value); cells someone changed
 * afterwards keep their value. A later lever that overwrote one of its cells now restores, if it is
 * removed in turn, what this lever found there, so removals in any order end at the base.
 */
export function removeLever(
	ledger: ScenarioLedger,
	levers: readonly LeverRecord[],
	leverId: string
): { levers: LeverRecord[]; restored: string[]; kept: string[] } {
	const at = levers.findIndex((r) => r.lever.id === leverId);
	if (at < 0) return { levers: [...levers], restored: [], kept: [] };
	const writer = leverWriter(leverId);
	const later = levers.slice(at + 1);
	const restored: string[] = [];
	const kept: string[] = [];
	const record = levers[at];
	for (const key of record.cells) {
		const prior = record.before.get(key) ?? null;
		if (ledger.writers.get(key) === writer) {
			restore(ledger, key, prior);
			restored.push(key);
			continue;
		}
		kept.push(key);
		const next = later.find((r) => r.before.get(key)?.writer === writer);
		if (next && prior) next.before.set(key, prior);
		else next?.before.delete(key);
	}
	return { levers: levers.filter((_, i) => i !== at), restored, kept };
}
