import { fail } from '@sveltejs/kit';
import { canEditStep } from '$lib/domain/roles';
import { formAnswer } from '$lib/server/answers';
import { getDb } from '$lib/server/db';
import {
	adoptSafetyStock,
	safetyStockView,
	setServiceLevel,
	type SafetyStockActor
} from '$lib/server/forecast/safety-stock';
import { readCycleFlags } from '$lib/server/cycle';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

/** Above this many items, the page lists one family's items at a time. */
const ALL_ITEMS_LIMIT = 200;

async function actorOf(locals: App.Locals, url: URL, planId: string): Promise<SafetyStockActor> {
	const user = requireUser(locals, url);
	const { plan, access } = await requirePlanAccess(user, planId);
	return { userId: user.id, planId: plan.id, access };
}

/** Suggested safety stock and reorder points beside the typed targets, for any plan member. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan, access } = await requirePlanAccess(user, params.plan);
	const db = await getDb();
	const view = await safetyStockView(db, plan.id);
	const family = view.families.find((f) => f.id === url.searchParams.get('family')) ?? null;
	const items = family ? view.items.filter((i) => i.familyId === family.id) : view.items;
	const locked = (await readCycleFlags(db, plan.id)).locked.includes(2);
	return {
		plan: { id: plan.id, name: plan.name },
		serviceLevel: view.serviceLevel,
		z: view.z,
		periods: view.periods,
		families: view.families,
		familyId: family?.id ?? '',
		itemCount: items.length,
		items: family || items.length <= ALL_ITEMS_LIMIT ? items : [],
		refreshed: view.refreshed,
		suggested: items.filter((i) => i.suggestion.kind === 'suggested').length,
		canSetServiceLevel: access.role === 'leader',
		canAdopt: canEditStep(access, 2),
		locked
	};
};

export const actions: Actions = {
	serviceLevel: async ({ locals, url, params, request }) => {
		const actor = await actorOf(locals, url, params.plan);
		const raw = String((await request.formData()).get('serviceLevel') ?? '').trim();
		const percent = raw === '' ? Number.NaN : Number(raw.replace(',', '.'));
		return formAnswer(async () => ({
			serviceLevel: await setServiceLevel(await getDb(), actor, percent)
		}));
	},
	adopt: async ({ locals, url, params, request }) => {
		const actor = await actorOf(locals, url, params.plan);
		const family = String((await request.formData()).get('family') ?? '');
		if (family.length > 100) return fail(400, { error: 'That family is not in this plan.' });
		return formAnswer(async () => ({
			adopted: await adoptSafetyStock(await getDb(), actor, family === '' ? null : family)
		}));
	}
};
