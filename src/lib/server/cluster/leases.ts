import type { Redis } from 'ioredis';

/** What a renewal found: still ours, ours again (the key had vanished), or another's. */
export type RenewResult = 'renewed' | 'reasserted' | 'lost';

/**
 * Renews the lease if it is ours; sets it again if it is gone (Redis restarted, or it expired while
 * we could not reach Redis and nobody took it); reports it lost only when someone else holds it.
 */
const RENEW = `
local v = redis.call('get', KEYS[1])
if v == ARGV[1] then
	redis.call('pexpire', KEYS[1], ARGV[2])
	return 1
elseif not v then
	redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
	return 2
end
return 0`;

/** Deletes the lease only if it is still ours. */
const RELEASE = `
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;

/**
 * Plan ownership: one key per plan, `<prefix>lease:<planId>`, holding the owner's value (node id and
 * a per-acquisition nonce, so a node that lost and retook a plan cannot mistake the old lease for
 * its own) with a time to live. Every call throws when Redis is unreachable.
 */
export class Leases {
	private nonce = 0;

	constructor(
		private readonly redis: Redis,
		private readonly prefix: string,
		readonly nodeId: string,
		readonly ttlMs: number
	) {}

	private key(planId: string): string {
		return `${this.prefix}lease:${planId}`;
	}

	/** Our new lease's value, or null when another node holds the plan. */
	async acquire(planId: string): Promise<string | null> {
		const value = `${this.nodeId} ${++this.nonce}`;
		const ok = await this.redis.set(this.key(planId), value, 'PX', this.ttlMs, 'NX');
		return ok === 'OK' ? value : null;
	}

	async renew(planId: string, value: string): Promise<RenewResult> {
		const result = await this.redis.eval(RENEW, 1, this.key(planId), value, this.ttlMs);
		return result === 1 ? 'renewed' : result === 2 ? 'reasserted' : 'lost';
	}

	async release(planId: string, value: string): Promise<void> {
		await this.redis.eval(RELEASE, 1, this.key(planId), value);
	}

	/** The node holding the plan, or null when nobody does. */
	async holder(planId: string): Promise<string | null> {
		const value = await this.redis.get(this.key(planId));
		return value === null ? null : value.slice(0, value.lastIndexOf(' '));
	}
}
