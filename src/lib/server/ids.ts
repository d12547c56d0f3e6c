import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** A random identifier or secret: `bytes` of CSPRNG output in lower-case base32. */
export function randomId(bytes = 15): string {
	const buf = new Uint8Array(bytes);
	crypto.getRandomValues(buf);
	return encodeBase32LowerCaseNoPadding(buf);
}

/**
 * What the database keeps of a secret handed to a person or a program (a session, an invite, an
 * API token): its SHA-256 in hex, so a leaked table cannot be replayed. The secrets are random
 * enough that a fast hash suffices; passwords use argon2 instead.
 */
export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}
