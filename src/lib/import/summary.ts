import type { ImportPhase } from './upload.ts';

/** The progress bar's words for each phase of an import. */
export const PHASE_LABELS: Record<ImportPhase, string> = {
	upload: 'Uploading',
	read: 'Reading',
	check: 'Checking',
	apply: 'Applying'
};
