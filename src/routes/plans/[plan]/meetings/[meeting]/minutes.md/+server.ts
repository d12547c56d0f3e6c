import { minutesMarkdown } from '$lib/domain/meeting/minutes';
import { minutesDownload } from '$lib/server/minutes-download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	minutesDownload(event, minutesMarkdown, 'text/markdown', 'md');
