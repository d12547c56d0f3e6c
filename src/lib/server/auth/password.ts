import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
	try {
		return await verify(hashed, password);
	} catch {
		return false;
	}
}

/*
 * Verified against when no account has the email, so that "no such account" takes as long as
 * "wrong password" and the answer's timing does not tell which emails have accounts.
 */
let dummyHash: Promise<string> | undefined;

/** Spends the time of a password check and fails. */
export async function verifyNoAccount(password: string): Promise<false> {
	dummyHash ??= hashPassword('no account has this password');
	await verifyPassword(await dummyHash, password);
	return false;
}
