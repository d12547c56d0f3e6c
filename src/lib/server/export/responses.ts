/**
 * The answers of the export routes: a file to download, streamed as it is written so a large
 * plan's export never sits whole in memory nor holds up the live collaboration in this process.
 */
import { PassThrough, Readable } from 'node:stream';
import type { VersionContent } from '../plan-versions.ts';
import { writePlanXlsx } from './plan-xlsx.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function downloadHeaders(contentType: string, fileName: string): HeadersInit {
	return {
		'content-type': contentType,
		'content-disposition': `attachment; filename="${fileName}"`,
		'cache-control': 'private, no-store',
		'x-content-type-options': 'nosniff'
	};
}

/** CSV pieces as a download; starts with a byte-order mark so that Excel reads it as UTF-8. */
export function csvDownload(chunks: Generator<string>, fileName: string): Response {
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
	return new Response(body, { headers: downloadHeaders('text/csv; charset=utf-8', fileName) });
}

/** The plan's workbook (see writePlanXlsx) as a download. */
export function xlsxDownload(
	content: VersionContent,
	options: { currency: string; title: string },
	fileName: string
): Response {
	const body = new PassThrough();
	writePlanXlsx(content, options, body).catch((e: unknown) => body.destroy(e as Error));
	return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
		headers: downloadHeaders(XLSX_TYPE, fileName)
	});
}
