import type { ClusterOptions } from './node.ts';

/**
 * Cluster mode from the environment: REDIS_URL turns it on, and then DATABASE_URL is required (the
 * embedded database belongs to one process). Undefined without REDIS_URL: one process, no Redis.
 * Throws with a one-line reason when the settings cannot work.
 */
export function clusterFromEnv(env: NodeJS.ProcessEnv = process.env): ClusterOptions | undefined {
	const redisUrl = env.REDIS_URL?.trim();
	if (!redisUrl) return undefined;
	if (!env.DATABASE_URL) {
		throw new Error(
			'REDIS_URL runs Concord as one of several processes, which share one Postgres server: set DATABASE_URL too (the embedded database cannot be shared).'
		);
	}
	if (!/^rediss?:\/\//.test(redisUrl)) {
		throw new Error(`REDIS_URL must start with redis:// or rediss://, not "${redisUrl}".`);
	}
	const leaseMs = env.CONCORD_LEASE_MS === undefined ? 3000 : Number(env.CONCORD_LEASE_MS);
	if (!Number.isInteger(leaseMs) || leaseMs < 300 || leaseMs > 60_000) {
		throw new Error(
			`CONCORD_LEASE_MS must be a whole number of milliseconds from 300 to 60000, not "${env.CONCORD_LEASE_MS}".`
		);
	}
	const nodeId = env.CONCORD_NODE_ID?.trim() || undefined;
	if (nodeId && !/^[\w.:@-]{1,200}$/.test(nodeId)) {
		throw new Error(
			'CONCORD_NODE_ID may hold letters, digits and . : @ _ - only (up to 200 characters).'
		);
	}
	return { redisUrl, leaseMs, nodeId };
}
