/**
 * Failed sign-in throttle: after `limit` failures for the same key within `windowMs`, further
 * attempts are refused until the window passes. In memory, so per process; a fleet of processes
 * would keep these counters in Redis.
 */
const MAX_TRACKED = 10_000;

export class FailureThrottle {
	private failures = new Map<string, { count: number; resetAt: number }>();

	constructor(
		private readonly limit = 5,
		private readonly windowMs = 15 * 60 * 1000,
		private readonly now: () => number = Date.now
	) {}

	/** Milliseconds until `key` may try again, or 0 when it may try now. */
	retryAfter(key: string): number {
		const entry = this.failures.get(key);
		if (!entry) return 0;
		const left = entry.resetAt - this.now();
		if (left <= 0) {
			this.failures.delete(key);
			return 0;
		}
		return entry.count >= this.limit ? left : 0;
	}

	fail(key: string): void {
		// Keys are chosen by whoever signs in; forget the stale ones before they pile up.
		if (this.failures.size >= MAX_TRACKED) this.prune();
		const entry = this.failures.get(key);
		if (!entry || entry.resetAt <= this.now()) {
			this.failures.set(key, { count: 1, resetAt: this.now() + this.windowMs });
		} else {
			entry.count++;
		}
	}

	succeed(key: string): void {
		this.failures.delete(key);
	}

	private prune(): void {
		const now = this.now();
		for (const [key, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(key);
	}
}

/** Guessing one account's password; its owner signing in clears it. */
export const accountThrottle = new FailureThrottle(5);
/**
 * Spraying many accounts from one address; looser, since an office may share one address. Only
 * failures count and nothing clears them early: a sign-in to one's own account must not buy another
 * round of guesses. Sign-ups for an email that already has an account count too.
 */
export const addressThrottle = new FailureThrottle(50);

/** What a refused attempt is told, e.g. "Too many failed sign-ins. Try again in 3 minutes." */
export function throttledMessage(what: string, waitMs: number): string {
	const minutes = Math.ceil(waitMs / 60000);
	return `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
