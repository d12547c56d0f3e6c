import { error, type RequestEvent } from '@sveltejs/kit';
import type { Minutes } from '../domain/meeting/minutes.ts';
import { getDb } from './db/index.ts';
import { requirePlanAccess, requireUser } from './guards.ts';
import { readMinutes } from './minutes.ts';

/** A meeting's minutes written by `render`, as a file download named after the meeting. */
export async function minutesDownload(
	event: RequestEvent<{ plan: string; meeting: string }>,
	render: (minutes: Minutes) => string,
	type: string,
	extension: string
): Promise<Response> {
	const { plan } = await requirePlanAccess(requireUser(event.locals, event.url), event.params.plan);
	const minutes = await readMinutes(await getDb(), plan.id, event.params.meeting);
	if (!minutes) error(404, { message: 'No such meeting on this plan.' });
	const name = `minutes-${minutes.startedAt.slice(0, 10)}-${minutes.title.replace(/[^\w-]+/g, '-').slice(0, 60)}`;
	const download = event.url.searchParams.has('download');
	return new Response(render(minutes), {
		headers: {
			'content-type': `${type}; charset=utf-8`,
			'cache-control': 'no-store',
			'content-disposition': `${download ? 'attachment' : 'inline'}; filename="${name}.${extension}"`
		}
	});
}
