import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { loadPlanBoard } from '$lib/server/plan-board';
import { recordVisit } from '$lib/server/cell-history';
import { firstScreen } from '$lib/server/first-screen';
import { reopen, setRequired, signOff, unsign } from '$lib/server/cycle';
import { cycleAction } from '$lib/server/cycle-actions';
import {
	nextCycleSchema,
	reopenSchema,
	requiredSchema,
	signOffSchema,
	unsignSchema
} from '$lib/server/cycle-forms';
import { startNextCycle } from '$lib/server/next-cycle';
import { formAnswer } from '$lib/server/answers';
import { firstError, formFields } from '$lib/server/validation';
import { APPROVAL_STEP } from '$lib/domain/cycle';
import { chosenScenario } from '$lib/server/scenario-choice';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, isDataRequest }) => {
	const user = requireUser(locals, url);
	const board = await loadPlanBoard(await requirePlanAccess(user, params.plan));
	const db = await getDb();
	const { families, items, periods } = board;
	const screen = firstScreen(db, board.plan.id, { families, items, periods });
	return {
		...board,
		visits: await recordVisit(db, params.plan, user.id),
		// A page the server renders draws the plan's numbers at once; a page already running (moving
		// here from another) has its scripts and gets them streamed as they come.
		firstScreen: isDataRequest ? screen : await screen
	};
};

export const actions: Actions = {
	signOff: (event) =>
		cycleAction(event, signOffSchema, async (actor, form) => {
			const { db, planId, user, access } = actor;
			const scenario =
				form.step === APPROVAL_STEP && form.scenario
					? await chosenScenario(db, planId, user.id, access, form.scenario)
					: null;
			return signOff(db, actor, form.step, form.signer, form.remark, scenario);
		}),
	unsign: (event) =>
		cycleAction(event, unsignSchema, (actor, form) =>
			unsign(actor.db, actor, form.step, form.signer)
		),
	reopen: (event) =>
		cycleAction(event, reopenSchema, (actor, form) =>
			reopen(actor.db, actor, form.step, form.reason)
		),
	required: (event) =>
		cycleAction(event, requiredSchema, (actor, form) =>
			setRequired(actor.db, actor, form.step, form.signers)
		),
	nextCycle: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const actor = { userId: user.id, ...(await requirePlanAccess(user, params.plan)) };
		const parsed = nextCycleSchema.safeParse(formFields(await request.formData()));
		if (!parsed.success) return fail(400, { error: firstError(parsed.error) });
		const started = await formAnswer(async () => ({
			id: await startNextCycle(await getDb(), actor, parsed.data.name)
		}));
		if (!('id' in started)) return started;
		redirect(303, `/plans/${started.id}`);
	}
};
