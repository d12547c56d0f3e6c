import type { Redis } from 'ioredis';
import { openRedis } from '../cluster/redis.ts';

/**
 * Failed sign-in throttle: after `limit` failures for the same key within `windowMs`, further
 * attempts are refused until the window passes. Callers await every method: the counters live in
 * this process (FailureThrottle) or, with several processes, in Redis (RedisThrottle), so that N
 * processes do not allow N times the guesses.
 */
export interface Throttle {
	/** Milliseconds until `key` may try again, or 0 when it may try now. */
	retryAfter(key: string): number | Promise<number>;
	fail(key: string): void | Promise<void>;
	succeed(key: string): void | Promise<void>;
}

const MAX_TRACKED = 10_000;

/** The throttle of one process, in memory. */
export class FailureThrottle implements Throttle {
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

/** Counts a failure and starts the window with the first one, in one step. */
const FAIL = `
local n = redis.call('incr', KEYS[1])
if n == 1 then redis.call('pexpire', KEYS[1], ARGV[1]) end
return n`;

/**
 * The throttle shared by every process of a cluster: one counter per key in Redis, expiring with
 * its window. While Redis cannot answer, this process's own counters take over: a sign-in is not
 * refused for want of Redis, and one process still allows no more than it would alone.
 */
export class RedisThrottle implements Throttle {
	private readonly local: FailureThrottle;

	constructor(
		private readonly redis: Redis,
		private readonly name: string,
		private readonly limit = 5,
		private readonly windowMs = 15 * 60 * 1000,
		private readonly prefix = 'concord:'
	) {
		this.local = new FailureThrottle(limit, windowMs);
	}

	private key(key: string): string {
		return `${this.prefix}throttle:${this.name}:${key}`;
	}

	async retryAfter(key: string): Promise<number> {
		try {
			const [[, count], [, ttl]] = (await this.redis
				.multi()
				.get(this.key(key))
				.pttl(this.key(key))
				.exec()) as [[unknown, string | null], [unknown, number]];
			return Number(count ?? 0) >= this.limit && ttl > 0 ? ttl : 0;
		} catch {
			return this.local.retryAfter(key);
		}
	}

	async fail(key: string): Promise<void> {
		this.local.fail(key);
		await this.redis.eval(FAIL, 1, this.key(key), this.windowMs).catch(() => {});
	}

	async succeed(key: string): Promise<void> {
		this.local.succeed(key);
		await this.redis.del(this.key(key)).catch(() => {});
	}
}

/** Several processes (REDIS_URL): one connection for this module graph's throttles. */
let shared: Redis | undefined;

/** A throttle in Redis when the process is one of several, else in memory. */
export function failureThrottle(name: string, limit: number): Throttle {
	const url = process.env.REDIS_URL?.trim();
	if (!url) return new FailureThrottle(limit);
	shared ??= openRedis(url, 'concord throttles');
	return new RedisThrottle(shared, name, limit);
}

/** Guessing one account's password; its owner signing in clears it. */
export const accountThrottle = failureThrottle('account', 5);
/**
 * Spraying many accounts from one address; looser, since an office may share one address. Only
 * failures count and nothing clears them early: a sign-in to one's own account must not buy another
 * round of guesses. Sign-ups for an email that already has an account count too.
 */
export const addressThrottle = failureThrottle('address', 50);

/** What a refused attempt is told, e.g. "Too many failed sign-ins. Try again in 3 minutes." */
export function throttledMessage(what: string, waitMs: number): string {
	const minutes = Math.ceil(waitMs / 60000);
	return `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
