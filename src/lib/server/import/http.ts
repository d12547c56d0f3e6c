import { json } from '@sveltejs/kit';
import type { ImportPreview, ImportStreamLine } from '../../domain/import/preview.ts';
import { parseMappingParameter } from '../../domain/import/mapping-schema.ts';
import { isOneLine } from '../../domain/text.ts';
import { ndjsonResponse, NO_STORE } from '../ndjson.ts';
import { isRefusal, Refusal } from '../refusal.ts';
import { MAX_IMPORT_BYTES, megabytes } from './limits.ts';
import type { ImportRequest } from './run-import.ts';

/**
 * The HTTP face of an import, shared by the Import page and the API: the raw file is the request
 * body (not a form, so any client can send it and nothing is buffered twice); the file's name,
 * the sheet, the mapping and `apply` come in the query. With `accept: application/x-ndjson` the
 * answer streams progress lines before the preview.
 */
export async function importAnswer(
	request: Request,
	url: URL,
	run: (request: ImportRequest) => Promise<ImportPreview>
): Promise<Response> {
	const streamed = (request.headers.get('accept') ?? '').includes('application/x-ndjson');
	let parsed: Omit<ImportRequest, 'progress'>;
	try {
		parsed = { ...importParameters(url), bytes: await readBody(request) };
	} catch (error) {
		if (isRefusal(error)) return json({ error: error.message }, { status: error.status });
		throw error;
	}
	if (!streamed) {
		try {
			const preview = await run(parsed);
			// A scheduled load that asked to apply learns from the status alone that it did not.
			const blocked =
				preview.problems.length > 0 || preview.summary.measures.some((m) => m.refused !== null);
			const refused = parsed.apply && !preview.applied && blocked;
			return json(preview, { status: refused ? 422 : 200, headers: NO_STORE });
		} catch (error) {
			if (isRefusal(error)) return json({ error: error.message }, { status: error.status });
			throw error;
		}
	}
	return ndjsonResponse<ImportStreamLine>(
		async (send) => ({
			preview: await run({ ...parsed, progress: (progress) => send({ progress }) })
		}),
		'The import failed on the server; nothing was changed.',
		'import'
	);
}

/** An API caller's refusal as JSON; a 401 names the scheme it wants (RFC 6750). */
export function apiRefusal(error: unknown): Response {
	if (!isRefusal(error)) throw error;
	const headers: Record<string, string> = { ...NO_STORE };
	if (error.status === 401) headers['www-authenticate'] = 'Bearer realm="concord"';
	return json({ error: error.message }, { status: error.status, headers });
}

function importParameters(url: URL): Omit<ImportRequest, 'bytes' | 'progress'> {
	const fileName = (url.searchParams.get('name') ?? '').trim() || 'upload';
	if (fileName.length > 200 || !isOneLine(fileName)) {
		throw new Refusal('The file name must be one line of at most 200 characters', 400);
	}
	const sheet = url.searchParams.get('sheet') || null;
	if (sheet !== null && (sheet.length > 100 || !isOneLine(sheet))) {
		throw new Refusal('A sheet name is one line of at most 100 characters', 400);
	}
	const mapping = parseMappingParameter(url.searchParams.get('mapping'));
	if (typeof mapping === 'string') throw new Refusal(mapping, 400);
	const apply = url.searchParams.get('apply');
	return { fileName, options: { sheet, mapping }, apply: apply === '1' || apply === 'true' };
}

function tooLarge(): Refusal {
	return new Refusal(
		`The file is larger than ${megabytes(MAX_IMPORT_BYTES)}, the most Concord imports at once`,
		413
	);
}

/** The body, refused as soon as it passes the limit (with or without a content-length). */
async function readBody(request: Request): Promise<Uint8Array> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > MAX_IMPORT_BYTES) throw tooLarge();
	if (!request.body) throw new Refusal('Send the file as the body of the request', 400);
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = request.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > MAX_IMPORT_BYTES) {
			await reader.cancel();
			throw tooLarge();
		}
		chunks.push(value);
	}
	if (size === 0) throw new Refusal('The file is empty', 400);
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.byteLength;
	}
	return bytes;
}
