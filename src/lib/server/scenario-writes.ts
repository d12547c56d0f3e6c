/**
 * What people do to scenarios, as routes ask for it: rights checked here, values changed by the
 * collaboration server (the one door), which holds the scenario and plan documents.
 */
import { INPUT_MEASURES, rowKey } from '../domain/measures.ts';
import { mayCreateScenario, type ScenarioRights } from '../domain/scenario/access.ts';
import type { Lever } from '../domain/scenario/levers.ts';
import { canEditStep, STEP_NUMBERS, type PlanAccess } from '../domain/roles.ts';
import type {
	MergeReport,
	MergeRequestSelection,
	ScenarioActor,
	ScenarioOp,
	ScenarioOpResult
} from '../sync/scenario-ops.ts';
import type { Resolution } from '../domain/scenario/merge.ts';
import { collabHooks } from './collab-bridge.ts';
import type { Db } from './db/index.ts';
import { getVersion } from './plan-versions.ts';
import { Refusal } from './refusal.ts';
import {
	getScenarioAccess,
	insertScenario,
	markPromoted,
	visibleScenarios,
	type NewScenario,
	type Scenario
} from './scenarios.ts';

/** The person acting on a scenario, with their rights as the routes found them. */
export interface ScenarioUser {
	id: string;
	name: string;
	plan: PlanAccess;
}

function door() {
	const hooks = collabHooks();
	if (!hooks) throw new Refusal('The collaboration server is not running; try again shortly.', 503);
	return hooks;
}

/** What an operation needs to know of the scenario it acts on. */
type ScenarioRef = Pick<Scenario, 'id' | 'planId' | 'name'>;

function actorOf(user: ScenarioUser, scenario: ScenarioRef, rights: ScenarioRights): ScenarioActor {
	return {
		userId: user.id,
		name: user.name,
		scenarioSteps: rights.steps,
		planSteps: STEP_NUMBERS.filter((step) => canEditStep(user.plan, step)),
		manage: rights.manage,
		scenarioName: scenario.name
	};
}

function run(
	user: ScenarioUser,
	scenario: ScenarioRef,
	rights: ScenarioRights,
	op: ScenarioOp
): Promise<ScenarioOpResult> {
	return door().scenarioOp(scenario.planId, scenario.id, actorOf(user, scenario, rights), op);
}

/**
 * Starts a scenario of the live plan, or of approved version `baseVersion`: then it starts with
 * that version's values wherever they differ from the plan now. `cells` are written into it
 * next, as its creator typed them (e.g. offline edits a lock refused).
 */
export async function createScenario(
	db: Db,
	planId: string,
	user: ScenarioUser,
	input: NewScenario,
	baseVersion: number | null,
	cells: [string, number | null][] = []
): Promise<string> {
	if (!mayCreateScenario(user.plan)) {
		throw new Refusal(
			'Viewers look at scenarios; an editor or a leader of the plan starts them',
			403
		);
	}
	const version = baseVersion === null ? null : await getVersion(db, planId, baseVersion);
	if (baseVersion !== null && !version) {
		throw new Refusal(`This plan has no approved version ${baseVersion}`, 404);
	}
	const id = await insertScenario(db, planId, input, baseVersion, user.id);
	const ops: ScenarioOp[] = [];
	if (version) {
		const rows: [string, (number | null)[]][] = [];
		for (const [ownerId, row] of Object.entries(version.content.rows)) {
			if (ownerId === 'total') continue;
			for (const m of INPUT_MEASURES) {
				const values = row[m.id];
				if (values && !m.readOnly) rows.push([rowKey(ownerId, m.id), values]);
			}
		}
		ops.push({ kind: 'seed', periods: version.content.periods, rows });
	}
	if (cells.length > 0) ops.push({ kind: 'cells', cells });
	// Its creator edits every measure of it.
	const rights: ScenarioRights = { view: true, steps: [1, 2, 3], manage: true };
	try {
		for (const op of ops) await run(user, { id, planId, name: input.name }, rights, op);
	} catch (error) {
		await db.query(`delete from scenarios where id = $1`, [id]);
		throw error;
	}
	return id;
}

/** Where cells go: a scenario the person may edit, or a new one they start. */
export type CellsTarget = { scenarioId: string } | { create: NewScenario };

/**
 * Puts cells a person typed elsewhere (offline edits refused because their step locked) into a
 * scenario instead of losing them. The door checks every cell as if typed in the scenario.
 */
export async function putCellsInScenario(
	db: Db,
	planId: string,
	user: ScenarioUser,
	target: CellsTarget,
	cells: [string, number | null][]
): Promise<{ id: string; name: string; cells: number }> {
	if ('create' in target) {
		const id = await createScenario(db, planId, user, target.create, null, cells);
		return { id, name: target.create.name, cells: cells.length };
	}
	const found = await getScenarioAccess(db, user.id, planId, target.scenarioId);
	if (!found) throw new Refusal('No such scenario on this plan, or it is not shared with you', 404);
	const { scenario, rights } = found;
	if (scenario.status !== 'open') {
		throw new Refusal(`“${scenario.name}” was made the plan; choose another scenario`, 409);
	}
	if (rights.steps.length === 0) {
		throw new Refusal(`You look at “${scenario.name}”; its editors change it`, 403);
	}
	const result = await run(user, scenario, rights, { kind: 'cells', cells });
	return {
		id: scenario.id,
		name: scenario.name,
		cells: result.kind === 'cells' ? result.cells : 0
	};
}

/** The open scenarios of the plan this person may put cells into. */
export async function writableScenarios(
	db: Db,
	planId: string,
	userId: string,
	plan: PlanAccess
): Promise<{ id: string; name: string }[]> {
	return (await visibleScenarios(db, planId, userId, plan))
		.filter((s) => s.status === 'open' && s.rights.steps.length > 0)
		.map((s) => ({ id: s.id, name: s.name }));
}

export async function applyLever(
	user: ScenarioUser,
	scenario: Scenario,
	rights: ScenarioRights,
	lever: Lever
): Promise<number> {
	const result = await run(user, scenario, rights, { kind: 'lever', lever });
	return result.kind === 'lever' ? result.cells : 0;
}

export async function removeLever(
	user: ScenarioUser,
	scenario: Scenario,
	rights: ScenarioRights,
	leverId: string
): Promise<{ restored: number; kept: number }> {
	const result = await run(user, scenario, rights, { kind: 'remove-lever', leverId });
	return result.kind === 'remove-lever' ? result : { restored: 0, kept: 0 };
}

/** Merges part of a scenario into its plan (or tries it out with `dryRun`). */
export async function mergeScenario(
	user: ScenarioUser,
	scenario: Scenario,
	rights: ScenarioRights,
	request: {
		selection: MergeRequestSelection;
		resolutions: [string, Resolution][];
		dryRun: boolean;
	}
): Promise<MergeReport> {
	const result = await run(user, scenario, rights, { kind: 'merge', promote: false, ...request });
	if (result.kind !== 'merge') throw new Error('A merge answered with something else');
	return result;
}

/** Makes the scenario's values the plan's: a leader's whole merge, the scenario winning every conflict. */
export async function promoteScenario(
	db: Db,
	user: ScenarioUser,
	scenario: Scenario,
	rights: ScenarioRights
): Promise<MergeReport> {
	if (user.plan.role !== 'leader') {
		throw new Refusal("Only the plan's leaders make a scenario the plan", 403);
	}
	const result = await run(user, scenario, rights, {
		kind: 'merge',
		selection: { kind: 'all' },
		resolutions: [],
		promote: true,
		dryRun: false
	});
	if (result.kind !== 'merge') throw new Error('A merge answered with something else');
	if (result.written) await markPromoted(db, scenario.id);
	return result;
}
