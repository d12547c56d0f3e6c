/** The largest file an import takes; larger ones are refused with 413 before they are read. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Any other request's body: forms and JSON are small. */
export const MAX_OTHER_BODY_BYTES = 1024 * 1024;

/** Paths that take a file as their body. */
export function isUploadPath(pathname: string): boolean {
	return /^\/(plans\/[^/]+\/import\/file|api\/plans\/[^/]+\/import|api\/workspaces\/[^/]+\/sales-history)$/.test(
		pathname
	);
}
