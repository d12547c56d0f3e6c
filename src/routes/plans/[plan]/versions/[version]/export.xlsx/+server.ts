import { getDb } from '$lib/server/db';
import { xlsxDownload } from '$lib/server/export/responses';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { getVersion } from '$lib/server/plan-versions';
import { notFoundVersion, versionNumberOr404 } from '$lib/server/version-view';
import { versionFileName } from '$lib/domain/version-table';
import type { RequestHandler } from './$types';

/** The approved version as an Excel workbook (see writePlanXlsx), for any member of the plan. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const number = versionNumberOr404(params.version);
	const version = await getVersion(await getDb(), plan.id, number);
	if (!version) notFoundVersion(number);
	const name = version.content.plan.name;
	return xlsxDownload(
		version.content,
		{ currency: plan.currency, title: `${name} — version ${version.number}` },
		versionFileName(name, version.number, 'xlsx')
	);
};
