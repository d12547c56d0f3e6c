/**
 * Sends a file to the import endpoint with XMLHttpRequest (fetch reports no upload progress) and
 * reports progress: the upload's bytes, then the server's streamed phases.
 */
import type { ImportOptions, ImportStreamLine } from '../domain/import/preview.ts';
import { importAnswer, type ImportAnswer, type ImportProgressLine } from './answer.ts';
import { readNdjson } from './ndjson.ts';

export type ImportPhase = 'upload' | ImportProgressLine['phase'];
export interface ImportProgress {
	phase: ImportPhase;
	done: number;
	total: number;
}

/** The endpoint's address for a file, the sheet and mapping to read it with, and whether to apply. */
export function importUrl(
	planId: string,
	fileName: string,
	options: ImportOptions,
	apply: boolean
): string {
	const query = new URLSearchParams({ name: fileName, sheet: options.sheet ?? '' });
	if (options.mapping) query.set('mapping', JSON.stringify(options.mapping));
	if (apply) query.set('apply', '1');
	return `/plans/${encodeURIComponent(planId)}/import/file?${query}`;
}

export function sendImport(
	url: string,
	file: Blob,
	onprogress: (progress: ImportProgress) => void
): Promise<ImportAnswer> {
	return new Promise((done) => {
		const xhr = new XMLHttpRequest();
		let offset = 0;
		xhr.open('POST', url);
		xhr.setRequestHeader('content-type', 'application/octet-stream');
		xhr.setRequestHeader('accept', 'application/x-ndjson');
		xhr.upload.onprogress = (e) => {
			onprogress({ phase: 'upload', done: e.loaded, total: e.lengthComputable ? e.total : 0 });
		};
		// Sent: the server reads it now, until its first progress line says how far it is.
		xhr.upload.onload = () => onprogress({ phase: 'read', done: 0, total: 0 });
		xhr.onprogress = () => {
			if (!(xhr.getResponseHeader('content-type') ?? '').includes('ndjson')) return;
			try {
				const read = readNdjson<ImportStreamLine>(xhr.responseText, offset);
				offset = read.offset;
				for (const line of read.values) if ('progress' in line) onprogress(line.progress);
			} catch {
				// The complete answer is judged once it has arrived (onload).
			}
		};
		xhr.onload = () =>
			done(importAnswer(xhr.status, xhr.getResponseHeader('content-type') ?? '', xhr.responseText));
		xhr.onerror = () => done(importAnswer(0, '', ''));
		xhr.send(file);
	});
}

/** The progress bar's words for each phase of an import. */
export const PHASE_LABELS: Record<ImportPhase, string> = {
	upload: 'Uploading',
	read: 'Reading',
	check: 'Checking',
	apply: 'Applying'
};
