import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A random identifier or secret: `bytes` of CSPRNG output in lower-case base32. */
export function randomId(bytes = 15): string {
	const buf = new Uint8Array(bytes);
	crypto.getRandomValues(buf);
	return encodeBase32LowerCaseNoPadding(buf);
}
