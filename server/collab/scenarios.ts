import type * as Y from 'yjs';
import { scenarioDocument, scenarioLedgerDocument } from '../../src/lib/domain/documents.ts';
import { cellKey, inputMeasure, measure, parseCellKey } from '../../src/lib/domain/measures.ts';
import { periods as monthsOf } from '../../src/lib/domain/periods.ts';
import type { PlanShape } from '../../src/lib/domain/plan-figures.ts';
import { STEPS, type StepNumber } from '../../src/lib/domain/roles.ts';
import { SCENARIO_STEPS } from '../../src/lib/domain/scenario/access.ts';
import {
	leverRecordsOf,
	leversInOrder,
	SCENARIO_CELLS_MAP,
	SCENARIO_FORK_MAP,
	SCENARIO_LEVERS_MAP,
	SCENARIO_WRITERS_MAP,
	storeLever,
	type StoredLever
} from '../../src/lib/domain/scenario/document.ts';
import {
	applyLever,
	editWriter,
	removeLever,
	type ScenarioLedger,
	type Writer
} from '../../src/lib/domain/scenario/ledger.ts';
import { leverChanges, leverProblem, type Lever } from '../../src/lib/domain/scenario/levers.ts';
import {
	planMerge,
	type MergePlan,
	type MergeSelection,
	type Resolution
} from '../../src/lib/domain/scenario/merge.ts';
import { cellReader, ChangeIndex, sameValue } from '../../src/lib/domain/scenario/overlay.ts';
import { checkScenarioCellWrite } from '../../src/lib/domain/cell-rules.ts';
import { recordEvent } from '../../src/lib/server/cycle.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { randomId } from '../../src/lib/server/ids.ts';
import { getHierarchy, getPlan } from '../../src/lib/server/plans.ts';
import { Refusal } from '../../src/lib/server/refusal.ts';
import type {
	MergeReport,
	MergeRequestSelection,
	ScenarioActor,
	ScenarioOp,
	ScenarioOpResult
} from '../../src/lib/sync/scenario-ops.ts';
import type { PlanWrite, WriteActor } from '../../src/lib/sync/server-write.ts';
import { cellValueIn, readerOf, StepValues } from '../../src/lib/sync/step-values.ts';
import type { PlanTopic } from '../../src/lib/sync/protocol.ts';
import { Connection } from './connection.ts';
import type { CollabLogger } from './log.ts';
import { Room } from './room.ts';
import type { Rooms } from './rooms.ts';

/** Cells one scenario may change: a whole 2,000-item plan's typed measures over three years fit. */
export const MAX_SCENARIO_CELLS = 600_000;
/** Levers on one scenario; each is kept with the cells it wrote. */
export const MAX_LEVERS = 100;
/** Conflicts a merge lists for a person to settle; more are counted, not listed. */
const MAX_LISTED_CONFLICTS = 500;

export interface ScenarioServiceDeps {
	rooms: Rooms;
	db: () => Promise<Db>;
	log: CollabLogger;
	/** The door for changes of the live plan. */
	writePlan(planId: string, actor: WriteActor, write: PlanWrite): Promise<void>;
	notify(planId: string, topic: PlanTopic): void;
}

/** What the server keeps per loaded scenario: its cells, levers and the order of work on it. */
class Keeper {
	readonly changes: Y.Map<number | null>;
	readonly levers: Y.Map<StoredLever>;
	/** Cells people changed whose bookkeeping (fork value, writer) is still to be written. */
	private edited = new Map<string, string | null>();
	private chain: Promise<unknown> = Promise.resolve();

	constructor(readonly room: Room) {
		this.changes = room.doc.getMap<number | null>(SCENARIO_CELLS_MAP);
		this.levers = room.doc.getMap<StoredLever>(SCENARIO_LEVERS_MAP);
	}

	/** Runs scenario work one at a time, after the bookkeeping of edits already received. */
	serial<T>(fn: () => Promise<T>): Promise<T> {
		const run = this.chain.then(fn);
		this.chain = run.catch(() => {});
		return run;
	}

	/** Notes cells a person changed; returns whether their bookkeeping must be scheduled. */
	note(keys: Iterable<string>, userId: string | null): boolean {
		const idle = this.edited.size === 0;
		for (const key of keys) this.edited.set(key, userId);
		return idle && this.edited.size > 0;
	}

	/** Whether a person's change of this cell still waits for its bookkeeping. */
	pending(key: string): boolean {
		return this.edited.has(key);
	}

	take(): Map<string, string | null> {
		const edited = this.edited;
		this.edited = new Map();
		return edited;
	}
}

/** A scenario's ledger as the domain writes it: its cells, and the server-only document beside. */
interface OpenLedger {
	room: Room;
	ledger: ScenarioLedger & { writers: Y.Map<Writer>; forkValues: Y.Map<number | null> };
}

/** The plan as a scenario operation needs it: its rows, months and live values. */
interface PlanState {
	shape: PlanShape;
	periodIndex: Map<string, number>;
	base: Map<StepNumber, StepValues>;
}

/**
 * Scenario documents on the server: the ledger kept beside people's edits (the live plan's value
 * when a cell is first changed, for the three-way merge, and who wrote it last), and the changes
 * only the server makes: levers, a start from an approved version, merges into the plan.
 */
export class ScenarioService {
	private readonly keepers = new Map<Room, Keeper>();

	constructor(private readonly deps: ScenarioServiceDeps) {}

	/** Called as a scenario room finishes loading, before anyone is served. */
	attach(room: Room): void {
		if (room.ref.kind !== 'scenario') return;
		const keeper = new Keeper(room);
		this.keepers.set(room, keeper);
		room.doc.on('destroy', () => this.keepers.delete(room));
		keeper.changes.observe((event, transaction) => {
			if (Room.isServerWrite(transaction.origin)) return;
			const userId =
				transaction.origin instanceof Connection ? transaction.origin.identity.user.id : null;
			if (keeper.note(event.keysChanged, userId)) this.scheduleBookkeeping(keeper);
		});
		// Edits saved while the server stopped before their bookkeeping get it now.
		void keeper
			.serial(async () => {
				const { ledger } = await this.ledgerOf(keeper);
				const missing = [...keeper.changes.keys()].filter(
					(key) => !ledger.forkValues.has(key) && !keeper.pending(key)
				);
				if (missing.length > 0 && keeper.note(missing, null)) await this.bookkeep(keeper);
			})
			.catch((error: unknown) =>
				this.deps.log.error(`${room.name}: could not check the scenario's ledger`, error)
			);
	}

	/** The scenario's ledger document (loaded if need be: it unloads when idle like any room). */
	private async ledgerOf(keeper: Keeper): Promise<OpenLedger> {
		const ref = keeper.room.ref;
		if (ref.kind !== 'scenario') throw new Error('not a scenario room');
		const { planId, scenarioId } = ref;
		const room = await this.deps.rooms.open(scenarioLedgerDocument(planId, scenarioId), {
			kind: 'ledger',
			planId,
			scenarioId
		});
		return {
			room,
			ledger: {
				changes: keeper.changes,
				forkValues: room.doc.getMap<number | null>(SCENARIO_FORK_MAP),
				writers: room.doc.getMap<Writer>(SCENARIO_WRITERS_MAP)
			}
		};
	}

	/** One server change of a scenario and its ledger; both are saved before it resolves. */
	private async change<T>(
		keeper: Keeper,
		open: OpenLedger,
		actor: WriteActor,
		change: () => T
	): Promise<T> {
		const result = keeper.room.applyServerChange(
			() => open.room.applyServerChange(change, actor),
			actor
		);
		await Promise.all([keeper.room.flush(), open.room.flush()]);
		return result;
	}

	private scheduleBookkeeping(keeper: Keeper): void {
		void keeper
			.serial(() => this.bookkeep(keeper))
			.catch((error: unknown) =>
				this.deps.log.error(`${keeper.room.name}: could not keep the scenario's ledger`, error)
			);
	}

	/** Records fork values and writers of the cells people changed (and drops those they undid). */
	private async bookkeep(keeper: Keeper): Promise<void> {
		const { room } = keeper;
		if (room.ref.kind !== 'scenario' || room.state !== 'ready') return;
		const open = await this.ledgerOf(keeper);
		const edited = keeper.take();
		const planId = room.ref.planId;
		const periodIndex = new Map(room.plan.periods.map((p, t) => [p, t]));
		const docs = new Map<StepNumber, Y.Doc>();
		for (const step of SCENARIO_STEPS) {
			docs.set(step, (await this.deps.rooms.openStep(planId, step)).doc);
		}
		if (open.room.state !== 'ready') return;
		const { changes, forkValues, writers } = open.ledger;
		open.room.applyServerChange(
			() => {
				for (const [key, userId] of edited) {
					if (!changes.has(key)) {
						forkValues.delete(key);
						writers.delete(key);
						continue;
					}
					const m = inputMeasure(parseCellKey(key)?.measureId ?? '');
					if (!forkValues.has(key)) {
						const doc = m && docs.get(m.step);
						forkValues.set(key, doc ? cellValueIn(doc, key, periodIndex) : null);
					}
					writers.set(key, editWriter(userId ?? 'unknown'));
				}
			},
			{ userId: null, source: 'scenario' }
		);
	}

	/** Carries out a scenario operation for someone whose rights the route has checked. */
	async run(
		planId: string,
		scenarioId: string,
		actor: ScenarioActor,
		op: ScenarioOp
	): Promise<ScenarioOpResult> {
		const room = await this.deps.rooms.open(scenarioDocument(planId, scenarioId), {
			kind: 'scenario',
			planId,
			scenarioId
		});
		const keeper = this.keepers.get(room);
		if (!keeper) throw new Error(`${room.name} has no keeper`);
		return keeper.serial(async () => {
			const plan = await this.planState(planId);
			switch (op.kind) {
				case 'seed':
					return this.seed(keeper, plan, actor, op.periods, op.rows);
				case 'lever':
					return this.lever(keeper, plan, actor, op.lever);
				case 'cells':
					return this.cells(keeper, plan, actor, op.cells);
				case 'remove-lever':
					return this.removeLever(keeper, actor, op.leverId);
				case 'merge':
					return this.merge(keeper, plan, actor, op);
			}
		});
	}

	private async planState(planId: string): Promise<PlanState> {
		const db = await this.deps.db();
		const plan = await getPlan(db, planId);
		if (!plan) throw new Refusal('This plan no longer exists', 404);
		const { families, items } = await getHierarchy(db, planId);
		const periods = monthsOf(plan.start_month, plan.horizon);
		const periodIndex = new Map(periods.map((p, t) => [p, t]));
		const base = new Map<StepNumber, StepValues>();
		for (const step of SCENARIO_STEPS) {
			base.set(
				step,
				new StepValues((await this.deps.rooms.openStep(planId, step)).doc, periodIndex)
			);
		}
		return { shape: { families, items, periods }, periodIndex, base };
	}

	private actorOf(actor: ScenarioActor): WriteActor {
		return { userId: actor.userId, source: 'scenario' };
	}

	private assertRoom(keeper: Keeper, adding: number): void {
		const total = keeper.changes.size + adding;
		if (total > MAX_SCENARIO_CELLS) {
			throw new Refusal(
				`A scenario changes at most ${MAX_SCENARIO_CELLS.toLocaleString('en')} cells; this would make it ${total.toLocaleString('en')}`,
				413
			);
		}
	}

	private async seed(
		keeper: Keeper,
		plan: PlanState,
		actor: ScenarioActor,
		periods: string[],
		rows: [string, (number | null)[]][]
	): Promise<ScenarioOpResult> {
		const live = readerOf(plan.base);
		const owners = new Set([...plan.shape.items, ...plan.shape.families].map((o) => o.id));
		const cells: [string, number | null, number | null][] = [];
		for (const [row, values] of rows) {
			const [ownerId, measureId] = row.split(':');
			const m = inputMeasure(measureId ?? '');
			if (!m || m.readOnly || !owners.has(ownerId)) continue;
			const now = live(m, ownerId);
			periods.forEach((period, tv) => {
				const t = plan.periodIndex.get(period);
				if (t === undefined) return;
				const was = Number.isNaN(now[t]) ? null : now[t];
				const value = values[tv] ?? null;
				if (!sameValue(was, value)) cells.push([cellKey(ownerId, period, m.id), value, was]);
			});
		}
		this.assertRoom(keeper, cells.length);
		const open = await this.ledgerOf(keeper);
		const { changes, forkValues, writers } = open.ledger;
		const writer = editWriter(actor.userId);
		await this.change(keeper, open, this.actorOf(actor), () => {
			for (const [key, value, was] of cells) {
				changes.set(key, value);
				forkValues.set(key, was);
				writers.set(key, writer);
			}
		});
		return { kind: 'seed', cells: cells.length };
	}

	/** Writes cells into the scenario as its writer typed them, every one checked first. */
	private async cells(
		keeper: Keeper,
		plan: PlanState,
		actor: ScenarioActor,
		input: [string, number | null][]
	): Promise<ScenarioOpResult> {
		const steps = new Set(actor.scenarioSteps);
		const cells = new Map<string, number | null>();
		for (const [key, value] of input) {
			const problem = checkScenarioCellWrite(keeper.room.plan, steps, key, value);
			const m = inputMeasure(parseCellKey(key)?.measureId ?? '');
			// Not theirs to change is a matter of rights; anything else, of the cell or value.
			if (problem) throw new Refusal(problem, m && !steps.has(m.step) ? 403 : 422);
			cells.set(key, value);
		}
		const open = await this.ledgerOf(keeper);
		const { changes, forkValues, writers } = open.ledger;
		this.assertRoom(keeper, [...cells.keys()].filter((key) => !changes.has(key)).length);
		const writer = editWriter(actor.userId);
		await this.change(keeper, open, this.actorOf(actor), () => {
			for (const [key, value] of cells) {
				changes.set(key, value);
				if (forkValues.has(key)) continue;
				// The plan's value now is where the scenario forks from this cell, as for an edit.
				const step = inputMeasure(parseCellKey(key)!.measureId)!.step;
				forkValues.set(key, plan.base.get(step)?.value(key) ?? null);
			}
			for (const key of cells.keys()) writers.set(key, writer);
		});
		return { kind: 'cells', cells: cells.size };
	}

	private async lever(
		keeper: Keeper,
		plan: PlanState,
		actor: ScenarioActor,
		input: Lever
	): Promise<ScenarioOpResult> {
		const m = measure(input.measure);
		const step = m && m.kind === 'input' ? m.step : null;
		if (step !== null && !actor.scenarioSteps.includes(step)) {
			throw new Refusal(
				`${m!.label} belongs to ${STEPS[step - 1].name}; you may not change it in this scenario`,
				403
			);
		}
		if (keeper.levers.size >= MAX_LEVERS) {
			throw new Refusal(`A scenario holds at most ${MAX_LEVERS} levers; remove one first`, 422);
		}
		const lever: Lever = { ...input, id: randomId(10), author: actor.userId };
		const problem = leverProblem(lever, plan.shape);
		if (problem) throw new Refusal(problem, 422);
		const { levers } = keeper;
		const open = await this.ledgerOf(keeper);
		const { ledger } = open;
		const index = new ChangeIndex(plan.shape.periods);
		index.update(ledger.changes, ledger.changes.keys());
		const current = index.reader(readerOf(plan.base));
		const adding = leverChanges(lever, plan.shape, current).filter(
			(c) => !ledger.changes.has(c.key)
		).length;
		this.assertRoom(keeper, adding);
		const seq = Math.max(0, ...[...levers.values()].map((l) => l.seq)) + 1;
		const cells = await this.change(keeper, open, this.actorOf(actor), () => {
			const result = applyLever(ledger, lever, plan.shape, current);
			if (!result.ok) throw new Refusal(result.error, 422);
			levers.set(lever.id, storeLever(result.record, actor.name, new Date(), seq));
			return result.cells.length;
		});
		return { kind: 'lever', cells };
	}

	private async removeLever(
		keeper: Keeper,
		actor: ScenarioActor,
		leverId: string
	): Promise<ScenarioOpResult> {
		const { levers } = keeper;
		const stored = levers.get(leverId);
		if (!stored) throw new Refusal('That lever is no longer on the scenario', 404);
		if (stored.lever.author !== actor.userId && !actor.manage) {
			throw new Refusal(
				"Only the lever's author, the scenario's creator or a plan leader removes it",
				403
			);
		}
		const ordered = leversInOrder(levers.values());
		const open = await this.ledgerOf(keeper);
		const { ledger } = open;
		const result = await this.change(keeper, open, this.actorOf(actor), () => {
			const records = leverRecordsOf(ordered, ledger.writers.entries());
			const out = removeLever(ledger, records, leverId);
			levers.delete(leverId);
			// Later levers now restore, if removed in turn, what this one found in their cells.
			for (const record of out.levers) {
				const was = levers.get(record.lever.id);
				if (was && was.seq > stored.seq)
					levers.set(record.lever.id, { ...was, before: [...record.before] });
			}
			return out;
		});
		return { kind: 'remove-lever', restored: result.restored.length, kept: result.kept.length };
	}

	private async merge(
		keeper: Keeper,
		plan: PlanState,
		actor: ScenarioActor,
		op: Extract<ScenarioOp, { kind: 'merge' }>
	): Promise<ScenarioOpResult> {
		const { changes, forkValues } = (await this.ledgerOf(keeper)).ledger;
		const selection = selectionOf(op.selection, plan.shape);
		const baseNow = cellReader(readerOf(plan.base), plan.shape.periods);
		let resolutions = new Map<string, Resolution>(op.resolutions);
		let merge = planMerge(selection, changes, forkValues, baseNow, resolutions);
		if (op.promote && merge.conflicts.length > 0) {
			for (const c of merge.conflicts) resolutions.set(c.key, 'scenario');
			merge = planMerge(
				selection,
				changes,
				forkValues,
				baseNow,
				(resolutions = new Map(resolutions))
			);
		}
		const report = reportOf(merge, actor.planSteps);
		const writes = merge.writes.filter(([step]) => actor.planSteps.includes(step));
		if (op.dryRun || report.conflicts.length > 0 || writes.length === 0) return report;
		const ref = keeper.room.ref;
		if (ref.kind !== 'scenario') throw new Error('not a scenario room');
		// The door refuses the whole write (423) if any step it writes is locked.
		await this.deps.writePlan(ref.planId, this.actorOf(actor), { steps: writes });
		const cells = report.applied === 1 ? 'cell' : 'cells';
		const detail = `${report.applied.toLocaleString('en')} ${cells} from scenario “${actor.scenarioName}”${op.promote ? ' (made it the plan)' : ''}`;
		await recordEvent(await this.deps.db(), ref.planId, 'merged', null, actor.userId, detail);
		this.deps.notify(ref.planId, 'cycle');
		return { ...report, written: true };
	}
}

function selectionOf(selection: MergeRequestSelection, shape: PlanShape): MergeSelection {
	if (selection.kind === 'families') {
		const known = new Set(shape.families.map((f) => f.id));
		const unknown = selection.familyIds.find((id) => !known.has(id));
		if (unknown !== undefined) throw new Refusal(`This plan has no family "${unknown}"`, 422);
		return { ...selection, items: shape.items };
	}
	return selection;
}

function reportOf(
	merge: MergePlan,
	planSteps: readonly StepNumber[]
): { kind: 'merge' } & MergeReport {
	const stepOf = (key: string) => inputMeasure(parseCellKey(key)?.measureId ?? '')?.step;
	const mine = (step: StepNumber | undefined) => step !== undefined && planSteps.includes(step);
	const conflicts = merge.conflicts.filter((c) => mine(stepOf(c.key)));
	const notYours = new Map<StepNumber, number>();
	const leave = (step: StepNumber | undefined, cells: number) => {
		if (step !== undefined) notYours.set(step, (notYours.get(step) ?? 0) + cells);
	};
	for (const [step, w] of merge.writes) if (!mine(step)) leave(step, w.cells?.length ?? 0);
	for (const c of merge.conflicts) if (!mine(stepOf(c.key))) leave(stepOf(c.key), 1);
	const appliedBySteps = merge.writes
		.filter(([step]) => mine(step))
		.map(([step, w]) => ({ step, cells: w.cells?.length ?? 0 }));
	return {
		kind: 'merge',
		applied: appliedBySteps.reduce((sum, s) => sum + s.cells, 0),
		appliedBySteps,
		unchanged: merge.unchanged.length,
		keptBase: merge.keptBase.length,
		conflicts: conflicts.slice(0, MAX_LISTED_CONFLICTS),
		conflictCount: conflicts.length,
		notYours: [...notYours].sort(([a], [b]) => a - b).map(([step, cells]) => ({ step, cells })),
		written: false
	};
}
