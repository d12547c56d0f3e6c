import type { Connection } from './connection.ts';
import type { CollabLogger } from './log.ts';
import { KEEP_ALIVE } from './protocol.ts';

export interface LivenessOptions {
	pingIntervalMs: number;
	keepAliveMs: number;
}

/**
 * Drops sockets that stopped answering pings, and keeps quiet ones talking: the y-websocket client
 * reconnects after 30 s without a message and never sees WebSocket pings. Returns a stop function.
 */
export function watchLiveness(
	connections: ReadonlySet<Connection>,
	options: LivenessOptions,
	log: CollabLogger
): () => void {
	const pinger = setInterval(() => {
		for (const conn of connections) {
			if (conn.ping()) continue;
			log.info(`${conn.label}: no pong, terminating`);
			conn.terminate();
		}
	}, options.pingIntervalMs);
	const keepAlive = setInterval(() => {
		const now = Date.now();
		for (const conn of connections) {
			if (now - conn.lastSentAt >= options.keepAliveMs) conn.send(KEEP_ALIVE);
		}
	}, options.keepAliveMs);
	// The HTTP server keeps the process alive, not these.
	pinger.unref();
	keepAlive.unref();
	return () => {
		clearInterval(pinger);
		clearInterval(keepAlive);
	};
}
