import { getDb } from '$lib/server/db';
import { planCsvChunks } from '$lib/server/export/plan-csv';
import { csvDownload } from '$lib/server/export/responses';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { buildVersionContent } from '$lib/server/plan-versions';
import { versionFileName } from '$lib/domain/version-table';
import type { RequestHandler } from './$types';

/** The plan as it stands as long CSV (one value a line; see plan-csv.ts), for any member. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const content = await buildVersionContent(await getDb(), plan.id);
	return csvDownload(planCsvChunks(content), versionFileName(plan.name, null, 'csv'));
};
