import { getDb } from '$lib/server/db';
import { requirePlanAccess, requireUser } from '$lib/server/guards';
import { getVersion } from '$lib/server/plan-versions';
import { notFoundVersion, versionNumberOr404 } from '$lib/server/version-view';
import { versionCsvChunks, versionFileName } from '$lib/domain/version-table';
import type { RequestHandler } from './$types';

/**
 * The approved version as CSV, for any member of the plan: every row of the plan total, each
 * family and each item. Streamed a few hundred records at a time, so exporting a large plan never
 * holds up the live collaboration served by the same process. Starts with a byte-order mark so
 * that Excel reads it as UTF-8.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { plan } = await requirePlanAccess(user, params.plan);
	const number = versionNumberOr404(params.version);
	const version = await getVersion(await getDb(), plan.id, number);
	if (!version) notFoundVersion(number);
	const chunks = versionCsvChunks(version.content);
	const encoder = new TextEncoder();
	let prefix = '\uFEFF';
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			const next = chunks.next();
			if (next.done) return controller.close();
			controller.enqueue(encoder.encode(prefix + next.value));
			prefix = '';
		},
		cancel() {
			chunks.return(undefined);
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${versionFileName(version.content.plan.name, version.number)}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
