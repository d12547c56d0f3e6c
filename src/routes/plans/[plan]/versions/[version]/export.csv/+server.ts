import { getDb } from '$lib/server/db';
import { csvDownload } from '$lib/server/export/responses';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { getVersion } from '$lib/server/plan-versions';
import { notFoundVersion, versionNumberOr404 } from '$lib/server/version-view';
import { versionCsvChunks, versionFileName } from '$lib/domain/version-table';
import type { RequestHandler } from './$types';

/**
 * The approved version as CSV, for any member of the plan: every row of the plan total, each
 * family and each item, streamed a few hundred records at a time.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const number = versionNumberOr404(params.version);
	const version = await getVersion(await getDb(), plan.id, number);
	if (!version) notFoundVersion(number);
	return csvDownload(
		versionCsvChunks(version.content),
		versionFileName(version.content.plan.name, version.number)
	);
};
