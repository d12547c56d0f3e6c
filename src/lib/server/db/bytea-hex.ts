/**
 * Bytes as bytea's hex input (`\x…`), with Node's native hex codec: how PGlite is handed bytea,
 * and how the update log sends its updates in a text array for its statement to cast.
 */
export function byteaHex(bytes: Uint8Array): string {
	return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}
