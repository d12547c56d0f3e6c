import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { cycleChange } from './collab-bridge.ts';
import { getDb, type Db } from './db/index.ts';
import { requirePlanAccess, requireUser } from './guards.ts';
import type { PlanAccess } from '../domain/roles.ts';
import type { SessionUser } from './auth/session.ts';
import { formAnswer } from './answers.ts';
import { firstError, formFields } from './validation.ts';

export interface CycleActor {
	db: Db;
	planId: string;
	user: SessionUser;
	access: PlanAccess;
}

/**
 * One cycle form action: the member's access, the form checked against `schema`, and the change
 * run through the collaboration server so live edits wait for it. Refusals come back as the form's
 * error with a fitting status.
 */
export async function cycleAction<S extends z.ZodType, R>(
	event: RequestEvent<{ plan: string }>,
	schema: S,
	change: (actor: CycleActor, form: z.output<S>) => Promise<R>
) {
	const user = requireUser(event.locals, event.url);
	const { plan, access } = await requirePlanAccess(user, event.params.plan);
	const data = await event.request.formData();
	const fields: Record<string, unknown> = formFields(data);
	// A checkbox group's field repeats; its schema decides whether it is a list.
	for (const key of new Set(data.keys())) fields[`${key}[]`] = data.getAll(key);
	const parsed = schema.safeParse(fields);
	if (!parsed.success) return fail(400, { error: firstError(parsed.error) });
	const actor = { db: await getDb(), planId: plan.id, user, access };
	return formAnswer(async () => ({
		done: await cycleChange(plan.id, () => change(actor, parsed.data))
	}));
}
