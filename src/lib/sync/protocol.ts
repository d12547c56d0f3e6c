/**
 * Message types on the collaboration socket, shared by the browser and the server. 0, 1 and 3 are
 * the y-websocket protocol; 100 is ours: [varuint 100][varuint n] says that the connection's first
 * n sync-step-2 and update messages are committed to Postgres, so a client can tell "saved" from
 * "sent".
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_ACK = 100;
/**
 * Client to server, [varuint 101][varstring kind]: how the connection's next update was made
 * (typed, pasted, …), for the cell history. It applies to that next update only.
 */
export const MESSAGE_EDIT_KIND = 101;

/** y-protocols sync sub-types. */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/**
 * Close codes of the collaboration socket. 4400-4499 mirror HTTP's 4xx: the y-websocket client
 * does not reconnect after them, which is what a refusal should mean.
 */
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_POLICY = 1008;
export const CLOSE_INTERNAL = 1011;
/** Off-protocol, or an edit the server refuses (the reason says which). */
export const CLOSE_MALFORMED = 4400;
export const CLOSE_FORBIDDEN = 4403;
/** A presence state larger than the server relays. */
export const CLOSE_TOO_LARGE = 4413;
/** An edit to a signed-off, locked step: the client must drop its unsaved edits there. */
export const CLOSE_LOCKED = 4423;
/** More bytes or presence updates than one person's browser sends; the limits are in the README. */
export const CLOSE_TOO_FAST = 4429;

/**
 * This plan is served by another process of the cluster (or its lease moved): reconnect, and the
 * load balancer routes to its owner. Outside 4400-4499 on purpose, so y-websocket reconnects and
 * the normal sync resends every edit the server has not acknowledged. Mirrors HTTP 307.
 */
export const CLOSE_MOVED = 4307;

/** Whether a client message carries changes that the server persists and acknowledges. */
export function carriesChanges(message: Uint8Array): boolean {
	return message[0] === MESSAGE_SYNC && (message[1] === SYNC_STEP2 || message[1] === SYNC_UPDATE);
}

/**
 * Server-written state that lives in Postgres (sign-offs, locks, comments, meetings): the server
 * bumps a counter per topic in the meta document's `notices` map, and browsers fetch the topic anew.
 */
export const NOTICES_MAP = 'notices';
export const PLAN_TOPICS = ['cycle', 'comments', 'hierarchy', 'meeting'] as const;
export type PlanTopic = (typeof PLAN_TOPICS)[number];
