import { Redis } from 'ioredis';

/**
 * A Redis connection for coordination. Commands fail at once while Redis is unreachable (no
 * offline queue, one retry): a lease renewal that waited for a reconnect would answer too late to
 * mean anything, and a caller that hears "down" can decide what it may still do. The connection
 * itself keeps reconnecting in the background.
 */
export function openRedis(url: string, name: string): Redis {
	const redis = new Redis(url, {
		connectionName: name,
		enableOfflineQueue: false,
		maxRetriesPerRequest: 1,
		connectTimeout: 1000,
		commandTimeout: 1000,
		retryStrategy: (attempt) => Math.min(attempt * 100, 1000)
	});
	// Errors surface on the commands that meet them; the connection's own would be unhandled.
	redis.on('error', () => {});
	return redis;
}

export function redisUp(redis: Redis): boolean {
	return redis.status === 'ready';
}
