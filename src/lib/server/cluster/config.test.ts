import { describe, expect, it } from 'vitest';
import { clusterFromEnv } from './config.ts';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/concord';

describe('clusterFromEnv', () => {
	it('is off without REDIS_URL, whatever else is set', () => {
		expect(clusterFromEnv({})).toBeUndefined();
		expect(clusterFromEnv({ REDIS_URL: ' ', CONCORD_LEASE_MS: 'x' })).toBeUndefined();
	});

	it('reads the Redis URL, the node id and the lease time', () => {
		expect(
			clusterFromEnv({
				REDIS_URL: 'redis://10.0.0.5:6379',
				DATABASE_URL,
				CONCORD_NODE_ID: 'web-2',
				CONCORD_LEASE_MS: '5000'
			})
		).toEqual({ redisUrl: 'redis://10.0.0.5:6379', nodeId: 'web-2', leaseMs: 5000 });
		expect(clusterFromEnv({ REDIS_URL: 'rediss://cache:6380', DATABASE_URL })).toEqual({
			redisUrl: 'rediss://cache:6380',
			nodeId: undefined,
			leaseMs: 3000
		});
	});

	it('refuses to run several processes on the embedded database', () => {
		expect(() => clusterFromEnv({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
			/set DATABASE_URL too/
		);
	});

	it('refuses settings that cannot work, saying which', () => {
		const env = { REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL };
		expect(() => clusterFromEnv({ ...env, REDIS_URL: '127.0.0.1:6379' })).toThrow(
			/REDIS_URL must start with redis:\/\//
		);
		for (const lease of ['100', '3s', '1.5', '600000']) {
			expect(() => clusterFromEnv({ ...env, CONCORD_LEASE_MS: lease })).toThrow(
				/CONCORD_LEASE_MS must be a whole number/
			);
		}
		expect(() => clusterFromEnv({ ...env, CONCORD_NODE_ID: 'web 2' })).toThrow(/CONCORD_NODE_ID/);
	});
});
