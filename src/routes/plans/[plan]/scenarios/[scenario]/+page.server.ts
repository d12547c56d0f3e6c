import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { loadPlanBoard } from '$lib/server/plan-board';
import { getPlan } from '$lib/server/plans';
import { getScenarioAccess, nextCycleOf } from '$lib/server/scenarios';
import { leverSchema, mergeSchema, removeLeverSchema } from '$lib/server/scenario-forms';
import {
	applyLever,
	mergeScenario,
	promoteScenario,
	removeLever
} from '$lib/server/scenario-writes';
import { formAnswer } from '$lib/server/answers';
import { firstError, formFields } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'No such scenario on this plan, or it is not shared with you';

/** The scenario and the person's rights on it; 404 where they may not see it. */
async function scenarioOf(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireUser(event.locals, event.url);
	const db = await getDb();
	const found = await getScenarioAccess(
		db,
		user.id,
		event.params.plan ?? '',
		event.params.scenario ?? ''
	);
	if (!found) error(404, { message: NOT_FOUND });
	return { db, user: { id: user.id, name: user.name, plan: found.plan }, ...found };
}

export const load: PageServerLoad = async (event) => {
	const { db, scenario, rights, plan: access } = await scenarioOf(event);
	// The scenario's plan exists (the scenario goes with it) and its access is already known.
	const plan = (await getPlan(db, scenario.planId))!;
	const board = await loadPlanBoard({ plan, access });
	return {
		...board,
		scenario: { ...scenario, rights },
		nextCycle: await nextCycleOf(db, scenario.planId)
	};
};

export const actions: Actions = {
	lever: async (event) => {
		const { user, scenario, rights } = await scenarioOf(event);
		const parsed = leverSchema.safeParse(formFields(await event.request.formData()));
		if (!parsed.success) return fail(400, { error: firstError(parsed.error) });
		return formAnswer(async () => ({
			cells: await applyLever(user, scenario, rights, parsed.data)
		}));
	},
	removeLever: async (event) => {
		const { user, scenario, rights } = await scenarioOf(event);
		const parsed = removeLeverSchema.safeParse(formFields(await event.request.formData()));
		if (!parsed.success) return fail(400, { error: firstError(parsed.error) });
		return formAnswer(() => removeLever(user, scenario, rights, parsed.data.leverId));
	},
	merge: async (event) => {
		const { user, scenario, rights } = await scenarioOf(event);
		const parsed = mergeSchema.safeParse(formFields(await event.request.formData()));
		if (!parsed.success) return fail(400, { error: firstError(parsed.error) });
		return formAnswer(async () => ({
			report: await mergeScenario(user, scenario, rights, parsed.data)
		}));
	},
	promote: async (event) => {
		const { db, user, scenario, rights } = await scenarioOf(event);
		return formAnswer(async () => ({
			report: await promoteScenario(db, user, scenario, rights)
		}));
	}
};
