/**
 * What one person may use of the collaboration server. A browser with a plan open holds four
 * sockets (three step documents and the meta document) and sends a few small presence updates a
 * second; these leave room for many tabs and fast typing while keeping a modified client from
 * starving everyone else.
 */
export interface CollabLimits {
	/** Open sockets per session; more are refused at the handshake with 429. */
	socketsPerSession: number;
	/** Open sockets per user, over all their sessions. */
	socketsPerUser: number;
	/** Bytes a user's sockets may send per second on average... */
	bytesPerSecond: number;
	/** ...and at once (a message may be up to maxMessageBytes). Past it: closed with 4429. */
	burstBytes: number;
	/** One presence state (its JSON); larger ones close the socket with 4413. */
	presenceStateBytes: number;
	/** Presence changes a socket may send per second on average... */
	presencePerSecond: number;
	/** ...and at once. Past it: closed with 4429. */
	presenceBurst: number;
}

export const DEFAULT_LIMITS: CollabLimits = {
	socketsPerSession: 32,
	socketsPerUser: 64,
	bytesPerSecond: 512 * 1024,
	burstBytes: 4 * 1024 * 1024,
	presenceStateBytes: 2048,
	presencePerSecond: 20,
	presenceBurst: 40
};
