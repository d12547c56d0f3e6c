import { MAX_COMPARED } from '../domain/scenario/compare.ts';
import type { Queryable } from './db/index.ts';
import { Refusal } from './refusal.ts';
import { getScenarioAccess } from './scenarios.ts';

export const COMPARE_TOO_MANY = `Compare at most three scenarios at once (you picked more than ${MAX_COMPARED})`;
export const COMPARE_UNKNOWN =
	'One of the scenarios to compare does not exist, or you may not see it';

/**
 * The scenarios a person asked to compare (`?s=` ids, in their order, each once), all of them
 * ones they may see; refused when there are too many or one is not theirs to see.
 */
export async function scenariosToCompare(
	db: Queryable,
	userId: string,
	planId: string,
	ids: readonly string[]
): Promise<{ id: string; name: string }[]> {
	const unique = [...new Set(ids.filter(Boolean))];
	if (unique.length > MAX_COMPARED) throw new Refusal(COMPARE_TOO_MANY, 400);
	const found = [];
	for (const id of unique) {
		const access = await getScenarioAccess(db, userId, planId, id);
		if (!access) throw new Refusal(COMPARE_UNKNOWN, 404);
		found.push({ id, name: access.scenario.name });
	}
	return found;
}
