/**
 * How much an uploaded file may hold. A file is read whole into memory, so these bound what one
 * import costs the process that also serves live collaboration.
 */
export { MAX_COLUMNS } from '../../domain/import/mapping-schema.ts';

const MIB = 1024 * 1024;

/** The largest file read (the route checks content-length first; the reader checks the bytes). */
export const MAX_IMPORT_BYTES = 20 * MIB;
/** Cells with a value in the sheet read. */
export const MAX_CELLS = 300_000;

/** An XLSX is a zip: what its entries may inflate to, in all and one by one. */
export const ZIP_LIMITS = {
	totalBytes: 200 * MIB,
	entries: 10_000,
	/** Compression ratio allowed of an entry larger than `ratioAbove` once inflated. */
	ratio: 200,
	ratioAbove: MIB
} as const;

export const megabytes = (bytes: number) => `${Math.round(bytes / MIB)} MB`;

/** Any other request's body: forms and JSON are small (the largest, a new plan's item list). */
export const MAX_OTHER_BODY_BYTES = 512 * 1024;

/** Paths that take a file as their body. */
export function isUploadPath(pathname: string): boolean {
	return /^\/(plans\/[^/]+\/import\/file|api\/plans\/[^/]+\/import|api\/workspaces\/[^/]+\/sales-history)$/.test(
		pathname
	);
}
