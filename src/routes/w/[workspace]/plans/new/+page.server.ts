import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanCreator, requireUser } from '$lib/server/guards';
import { createPlan } from '$lib/server/plans';
import { firstError, formFields, planSchema } from '$lib/server/validation';
import { itemListError, parseItemList } from '$lib/domain/item-list';
import { monthOf } from '$lib/domain/periods';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const membership = await requirePlanCreator(user, params.workspace);
	return {
		workspace: { id: params.workspace, name: membership.name },
		defaultStart: monthOf(new Date())
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		await requirePlanCreator(user, params.workspace);
		const fields = formFields(await request.formData());
		const values = {
			name: fields.name ?? '',
			startMonth: fields.startMonth ?? '',
			horizon: fields.horizon ?? '',
			hierarchy: fields.hierarchy ?? ''
		};
		const parsed = planSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { ...values, error: firstError(parsed.error) });
		// The same parser as the form's preview, so the server refuses exactly what it showed.
		const items = parseItemList(parsed.data.hierarchy);
		const itemsError = itemListError(items);
		if (itemsError) return fail(400, { ...values, error: itemsError });
		const planId = await createPlan(
			await getDb(),
			{
				workspaceId: params.workspace,
				name: parsed.data.name,
				startMonth: parsed.data.startMonth,
				horizon: parsed.data.horizon,
				families: items.families
			},
			user.id
		);
		redirect(303, `/plans/${planId}`);
	}
};
