import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { getDb, type Db } from './db/index.ts';
import { requirePlanAccess, requireUser } from './guards.ts';
import { formAnswer } from './answers.ts';
import type { MeetingActor } from './meetings.ts';
import { firstError, formFields } from './validation.ts';

/**
 * One meeting or decision form action: the member's access, the form checked against `schema`
 * (read by `fields`, plain fields by default) and the change; refusals come back as the form's
 * error with their status, and nothing is stored.
 */
export async function meetingAction<S extends z.ZodType, R>(
	event: RequestEvent<{ plan: string }>,
	schema: S,
	change: (db: Db, actor: MeetingActor, form: z.output<S>) => Promise<R>,
	fields: (data: FormData) => Record<string, unknown> = formFields
) {
	const user = requireUser(event.locals, event.url);
	const { plan, access } = await requirePlanAccess(user, event.params.plan);
	const parsed = schema.safeParse(fields(await event.request.formData()));
	if (!parsed.success) return fail(400, { error: firstError(parsed.error) });
	const actor = { planId: plan.id, userId: user.id, access };
	const db = await getDb();
	return formAnswer(async () => ({ done: await change(db, actor, parsed.data) }));
}
