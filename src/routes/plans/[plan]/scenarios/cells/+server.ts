import { json } from '@sveltejs/kit';
import { mayCreateScenario } from '$lib/domain/scenario/access';
import { getPlanAccess } from '$lib/server/access';
import { jsonAnswer } from '$lib/server/answers';
import { getDb } from '$lib/server/db';
import { readRequest, refusal } from '$lib/server/json-request';
import { putCellsSchema } from '$lib/server/scenario-forms';
import { putCellsInScenario, writableScenarios } from '$lib/server/scenario-writes';
import type { RequestHandler } from './$types';

/**
 * Cells typed elsewhere put into a scenario, e.g. offline edits refused because their step locked
 * meanwhile: where they may go (GET), and putting them there (POST).
 */

const NO_PLAN = 'No such plan, or you have no access to it';

async function personOn(locals: App.Locals, planId: string) {
	if (!locals.user) return refusal(401, 'Your session has ended. Sign in again.');
	const access = await getPlanAccess(await getDb(), locals.user.id, planId);
	return access ? { user: locals.user, access } : refusal(404, NO_PLAN);
}

/** The open scenarios this person may put cells into, and whether they may start one. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const person = await personOn(locals, params.plan);
	if (person instanceof Response) return person;
	const { user, access } = person;
	return json(
		{
			mayCreate: mayCreateScenario(access),
			scenarios: await writableScenarios(await getDb(), params.plan, user.id, access)
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};

/** Puts the cells into the scenario named (or a new one); answers with where they went. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const person = await personOn(locals, params.plan);
	if (person instanceof Response) return person;
	const input = await readRequest(request, url, putCellsSchema);
	if (!input.ok) return input.response;
	const { scenario, cells } = input.data;
	const { user, access } = person;
	return jsonAnswer(async () =>
		putCellsInScenario(
			await getDb(),
			params.plan,
			{ id: user.id, name: user.name, plan: access },
			'id' in scenario ? { scenarioId: scenario.id } : { create: scenario.create },
			cells.map((c) => [c.key, c.value])
		)
	);
};
