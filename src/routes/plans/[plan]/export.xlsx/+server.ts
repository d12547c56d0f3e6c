import { getDb } from '$lib/server/db';
import { xlsxDownload } from '$lib/server/export/responses';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { buildVersionContent } from '$lib/server/plan-versions';
import { versionFileName } from '$lib/domain/version-table';
import type { RequestHandler } from './$types';

/**
 * The plan as it stands (its saved values, typed and derived) as an Excel workbook, for any
 * member of the plan.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const content = await buildVersionContent(await getDb(), plan.id);
	return xlsxDownload(
		content,
		{ currency: plan.currency, title: plan.name },
		versionFileName(plan.name, null, 'xlsx')
	);
};
