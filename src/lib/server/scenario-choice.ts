import type { PlanAccess } from '../domain/roles.ts';
import type { Queryable } from './db/index.ts';
import type { ChosenScenario } from './plan-versions.ts';
import { Refusal } from './refusal.ts';
import { visibleScenarios } from './scenarios.ts';

/**
 * The scenario an approver names as the one the executive review chose: one of the plan's
 * scenarios they can see, its name kept as it is now.
 */
export async function chosenScenario(
	db: Queryable,
	planId: string,
	userId: string,
	access: PlanAccess,
	scenarioId: string
): Promise<ChosenScenario> {
	const scenario = (await visibleScenarios(db, planId, userId, access)).find(
		(s) => s.id === scenarioId
	);
	if (!scenario) throw new Refusal('Choose one of the plan’s scenarios, or none', 400);
	return { id: scenario.id, name: scenario.name };
}
