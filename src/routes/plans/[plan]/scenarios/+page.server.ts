import { fail, redirect } from '@sveltejs/kit';
import { mayCreateScenario } from '$lib/domain/scenario/access';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { listVersions } from '$lib/server/plan-versions';
import { listPlanMembers } from '$lib/server/plans';
import { isRefusal } from '$lib/server/refusal';
import { visibleScenarioSummaries } from '$lib/server/scenario-summaries';
import { createScenario } from '$lib/server/scenario-writes';
import { scenarioSchema, setScenarioEditors } from '$lib/server/scenarios';
import { formFields } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan, access } = await requirePlanAccess(user, params.plan);
	const db = await getDb();
	const mayCreate = mayCreateScenario(access);
	return {
		plan: { id: plan.id, name: plan.name, currency: plan.currency },
		scenarios: await visibleScenarioSummaries(db, plan.id, user.id, access),
		mayCreate,
		members: mayCreate
			? (await listPlanMembers(db, plan.id))
					.filter((m) => m.user_id !== user.id)
					.map((m) => ({ id: m.user_id, name: m.name, role: m.role }))
			: [],
		versions: mayCreate ? await listVersions(db, plan.id) : []
	};
};

/** The form's fields by name, for a refused form to show what was typed and where it went wrong. */
type FieldErrors = Partial<Record<'name' | 'description' | 'visibility' | 'base', string>> & {
	form?: string;
};

export const actions: Actions = {
	create: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { plan, access } = await requirePlanAccess(user, params.plan);
		const data = await request.formData();
		const fields = formFields(data);
		const editors = data.getAll('editors').filter((e): e is string => typeof e === 'string');
		const values = {
			name: fields.name ?? '',
			description: fields.description ?? '',
			visibility: fields.visibility ?? '',
			base: fields.base ?? 'live',
			editors
		};
		const refuse = (status: number, errors: FieldErrors) => fail(status, { values, errors });
		const parsed = scenarioSchema.safeParse(fields);
		if (!parsed.success) {
			const errors: FieldErrors = {};
			for (const issue of parsed.error.issues) {
				const field = String(issue.path[0] ?? 'form') as keyof FieldErrors;
				errors[field] ??= issue.message;
			}
			return refuse(400, errors);
		}
		const baseVersion = values.base === 'live' ? null : Number(values.base);
		if (baseVersion !== null && !Number.isInteger(baseVersion)) {
			return refuse(400, { base: 'Start from the live plan or one of its approved versions' });
		}
		const db = await getDb();
		let id: string;
		try {
			id = await createScenario(
				db,
				plan.id,
				{ id: user.id, name: user.name, plan: access },
				parsed.data,
				baseVersion
			);
		} catch (error) {
			if (!isRefusal(error)) throw error;
			const field = error.status === 409 ? 'name' : error.status === 404 ? 'base' : 'form';
			return refuse(error.status, { [field]: error.message });
		}
		if (editors.length > 0) await setScenarioEditors(db, id, plan.id, editors);
		redirect(303, `/plans/${plan.id}/scenarios/${id}`);
	}
};
