import { minutesHtml } from '$lib/domain/meeting/minutes';
import { minutesDownload } from '$lib/server/minutes-download';
import type { RequestHandler } from './$types';

/** Printable minutes: the browser's Print turns them into a PDF. */
export const GET: RequestHandler = (event) =>
	minutesDownload(event, minutesHtml, 'text/html', 'html');
