import { json } from '@sveltejs/kit';
import type { ReviewScenarios } from '$lib/domain/scenario/compare';
import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { visibleScenarioSummaries } from '$lib/server/scenario-summaries';
import type { RequestHandler } from './$types';

/** The scenarios the executive review weighs: each one's name and headline changes. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan, access } = await requirePlanAccess(user, params.plan);
	const scenarios = await visibleScenarioSummaries(await getDb(), plan.id, user.id, access);
	const review: ReviewScenarios = {
		currency: plan.currency,
		scenarios: scenarios.map((s) => ({
			id: s.id,
			name: s.name,
			status: s.status,
			delta: s.summary.delta
		}))
	};
	return json(review, { headers: { 'cache-control': 'no-store' } });
};
