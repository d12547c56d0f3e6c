/**
 * Scenarios as the database keeps them: what each is, who may see and edit it. Their values live
 * in their Yjs documents, changed through the collaboration server.
 */
import { z } from 'zod';
import {
	SCENARIO_VISIBILITIES,
	scenarioRights,
	type Scenario,
	type ScenarioRights,
	type ScenarioVisibility
} from '../domain/scenario/access.ts';
import type { PlanAccess } from '../domain/roles.ts';
import { getPlanAccess } from './access.ts';
import type { Queryable } from './db/index.ts';
import { randomId } from './ids.ts';
import { Refusal } from './refusal.ts';
import { multiline, text } from './validation.ts';

export type { Scenario } from '../domain/scenario/access.ts';

export const scenarioSchema = z.object({
	name: text('Give the scenario a name').max(80, 'Keep the name under 80 characters'),
	description: multiline()
		.max(2000, 'Keep the description under 2,000 characters')
		.default('')
		.transform((d) => d.trim()),
	visibility: z.enum(SCENARIO_VISIBILITIES, {
		message: 'Choose who sees the scenario: everyone on the plan, or only the people you name'
	})
});
export type NewScenario = z.infer<typeof scenarioSchema>;

type Row = {
	id: string;
	plan_id: string;
	name: string;
	description: string;
	visibility: ScenarioVisibility;
	base_version: number | null;
	created_by: string | null;
	created_by_name: string | null;
	created_at: unknown;
	status: 'open' | 'promoted';
	editors: string | null;
};

const SELECT = `select s.id, s.plan_id, s.name, s.description, s.visibility, s.base_version,
	s.created_by, u.name as created_by_name, s.created_at, s.status,
	(select json_agg(json_build_object('id', e.user_id, 'name', eu.name) order by eu.name)::text
	 from scenario_editors e join users eu on eu.id = e.user_id where e.scenario_id = s.id) as editors
	from scenarios s left join users u on u.id = s.created_by`;

function toScenario(r: Row): Scenario {
	return {
		id: r.id,
		planId: r.plan_id,
		name: r.name,
		description: r.description,
		visibility: r.visibility,
		baseVersion: r.base_version,
		createdBy: r.created_by,
		createdByName: r.created_by_name,
		createdAt: new Date(r.created_at as string).toISOString(),
		status: r.status,
		editors: r.editors ? (JSON.parse(r.editors) as Scenario['editors']) : []
	};
}

export const NAME_TAKEN = (name: string) =>
	`This plan already has a scenario called “${name}”; choose another name`;

/** Adds a scenario row; its document starts empty (it reads the plan through). */
export async function insertScenario(
	db: Queryable,
	planId: string,
	input: NewScenario,
	baseVersion: number | null,
	userId: string
): Promise<string> {
	const id = randomId();
	try {
		await db.query(
			`insert into scenarios (id, plan_id, name, description, visibility, base_version, created_by)
			 values ($1, $2, $3, $4, $5, $6, $7)`,
			[id, planId, input.name, input.description, input.visibility, baseVersion, userId]
		);
	} catch (error) {
		if ((error as { code?: unknown }).code === '23505')
			throw new Refusal(NAME_TAKEN(input.name), 409);
		throw error;
	}
	return id;
}

export async function getScenario(
	db: Queryable,
	planId: string,
	scenarioId: string
): Promise<Scenario | null> {
	const rows = await db.query<Row>(`${SELECT} where s.plan_id = $1 and s.id = $2`, [
		planId,
		scenarioId
	]);
	return rows[0] ? toScenario(rows[0]) : null;
}

/** Every scenario of the plan, oldest first (rights not applied: see `visibleScenarios`). */
export async function listScenarios(db: Queryable, planId: string): Promise<Scenario[]> {
	const rows = await db.query<Row>(`${SELECT} where s.plan_id = $1 order by s.created_at, s.id`, [
		planId
	]);
	return rows.map(toScenario);
}

export function rightsOn(
	scenario: Scenario,
	userId: string,
	plan: PlanAccess | null
): ScenarioRights {
	return scenarioRights({
		plan,
		userId,
		createdBy: scenario.createdBy,
		visibility: scenario.visibility,
		namedEditor: scenario.editors.some((e) => e.id === userId)
	});
}

/** The scenarios of the plan this person may see, each with their rights on it. */
export async function visibleScenarios(
	db: Queryable,
	planId: string,
	userId: string,
	plan: PlanAccess
): Promise<(Scenario & { rights: ScenarioRights })[]> {
	return (await listScenarios(db, planId))
		.map((s) => ({ ...s, rights: rightsOn(s, userId, plan) }))
		.filter((s) => s.rights.view);
}

/** A scenario and this person's rights on it; null where they may not see it (or it is not there). */
export async function getScenarioAccess(
	db: Queryable,
	userId: string,
	planId: string,
	scenarioId: string
): Promise<{ scenario: Scenario; plan: PlanAccess; rights: ScenarioRights } | null> {
	const plan = await getPlanAccess(db, userId, planId);
	if (!plan) return null;
	const scenario = await getScenario(db, planId, scenarioId);
	if (!scenario) return null;
	const rights = rightsOn(scenario, userId, plan);
	return rights.view ? { scenario, plan, rights } : null;
}

/** Replaces the people named as the scenario's editors (they must be members of its plan). */
export async function setScenarioEditors(
	db: Queryable,
	scenarioId: string,
	planId: string,
	userIds: readonly string[]
): Promise<void> {
	await db.query(`delete from scenario_editors where scenario_id = $1`, [scenarioId]);
	if (userIds.length === 0) return;
	await db.query(
		`insert into scenario_editors (scenario_id, user_id)
		 select $1, pm.user_id from plan_members pm where pm.plan_id = $2 and pm.user_id in (select json_array_elements_text($3::text::json))`,
		[scenarioId, planId, JSON.stringify(userIds)]
	);
}

export async function markPromoted(db: Queryable, scenarioId: string): Promise<void> {
	await db.query(`update scenarios set status = 'promoted' where id = $1`, [scenarioId]);
}

/** The plan that continues this one in the next cycle, if it was rolled. */
export async function nextCycleOf(
	db: Queryable,
	planId: string
): Promise<{ id: string; name: string } | null> {
	const rows = await db.query<{ id: string; name: string }>(
		`select id, name from plans where previous_plan_id = $1 order by created_at desc limit 1`,
		[planId]
	);
	return rows[0] ?? null;
}
