/**
 * What an import request answered, however it came: the streamed lines (progress, then a preview
 * or an error), a JSON body, or something else in front of the app refusing (a proxy's 413 page).
 */
import type { ImportPreview, ImportStreamLine } from '../domain/import/preview.ts';
import { readNdjson } from './ndjson.ts';

export type ImportAnswer = { preview: ImportPreview } | { error: string; status: number };

export type ImportProgressLine = Extract<ImportStreamLine, { progress: unknown }>['progress'];

/** Messages for answers that carry none of their own. */
export function statusMessage(status: number): string {
	if (status === 0) return 'The server could not be reached. Check the connection and try again.';
	if (status === 413) return 'The file is too large to import.';
	if (status === 403) return 'You are not allowed to import into this plan.';
	if (status === 423) return 'The plan is locked for this import.';
	if (status === 400) return 'The file could not be read.';
	return `The import failed (the server answered ${status}). Try again.`;
}

/** The final answer of a complete response (`text` is its whole body). */
export function importAnswer(status: number, contentType: string, text: string): ImportAnswer {
	try {
		if (contentType.includes('ndjson')) {
			const lines = readNdjson<ImportStreamLine>(text, 0, true).values;
			const last = lines.findLast((line): line is ImportAnswer => !('progress' in line));
			if (last) return last;
		} else if (contentType.includes('json')) {
			const body = JSON.parse(text) as Partial<ImportPreview> & { error?: string };
			if (typeof body.error === 'string') return { error: body.error, status };
			// A refused apply (422) still answers with the preview that says why.
			if (body.summary) return { preview: body as ImportPreview };
		}
	} catch {
		// An unreadable body says no more than its status does.
	}
	return { error: statusMessage(status), status: status < 300 ? 500 : status };
}
