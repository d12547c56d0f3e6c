import type { ServerResponse } from 'node:http';
import type { Db } from '../src/lib/server/db/index.ts';
import type { ClusterNode } from '../src/lib/server/cluster/node.ts';

export interface HealthState {
	db: () => Promise<Db>;
	cluster: ClusterNode | null;
	/** True once the process has begun to shut down. */
	stopping(): boolean;
	/** This process's name when it runs alone. */
	node: string;
}

export interface Health {
	status: 200 | 503;
	body: { ok: boolean; node: string; redis: 'up' | 'down' | 'off'; plans: number };
}

/** How long the database may take to answer before the process counts as unhealthy. */
const DB_TIMEOUT_MS = 1000;

/**
 * For the load balancer: 200 while this process can serve (its database answers), 503 while it
 * shuts down or cannot reach the database. Redis being down is reported but not fatal: the plans
 * loaded here are still served. One trivial query; nothing a stranger should not see.
 */
export async function health(state: HealthState): Promise<Health> {
	const cluster = state.cluster?.health();
	const body = {
		ok: false,
		node: cluster?.node ?? state.node,
		redis: cluster?.redis ?? ('off' as const),
		plans: cluster?.plans ?? 0
	};
	if (state.stopping()) return { status: 503, body };
	body.ok = await databaseAnswers(state.db);
	return { status: body.ok ? 200 : 503, body };
}

async function databaseAnswers(db: () => Promise<Db>): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), DB_TIMEOUT_MS);
	});
	const answer = db().then(
		(d) => d.reachable(),
		() => false
	);
	try {
		return await Promise.race([answer, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

export async function serveHealth(state: HealthState, res: ServerResponse): Promise<void> {
	const { status, body } = await health(state);
	res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
	res.end(JSON.stringify(body));
}
