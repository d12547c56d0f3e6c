import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import { CLOSE_LOCKED } from '../../src/lib/sync/protocol.ts';
import { sanitizeAwarenessUpdate } from './awareness.ts';
import { OFFLINE_KIND } from '../../src/lib/domain/cell-history.ts';
import { checkCellWrite, checkScenarioCellWrite } from '../../src/lib/domain/cell-rules.ts';
import { assertAllowedCellWrites, type CellCheck } from './cell-guard.ts';
import type { Connection } from './connection.ts';
import { readIncomingUpdate, UnknownContent, type IncomingUpdate } from './incoming-update.ts';
import type { CollabLogger } from './log.ts';
import { decodeClientMessage, encodeAwareness, ProtocolError } from './protocol.ts';
import type { Room } from './room.ts';

/** Edits held for a client's sync answer: enough for what is typed in a second, no more. */
const MAX_HELD = { count: 100, bytes: 256 * 1024 };

function holdUntilSync(conn: Connection, data: Uint8Array): boolean {
	const waiting = conn.beforeSync;
	if (!waiting || waiting.held.length >= MAX_HELD.count) return false;
	if (waiting.bytes + data.byteLength > MAX_HELD.bytes) return false;
	waiting.held.push([data, conn.nextKind]);
	waiting.bytes += data.byteLength;
	conn.nextKind = null;
	return true;
}

/** The client has answered: its held edits now build on what it sent, or are refused. */
function releaseHeld(room: Room, conn: Connection, log: CollabLogger): void {
	const held = conn.beforeSync?.held ?? [];
	conn.beforeSync = null;
	for (const [data, kind] of held) {
		if (!conn.open) return;
		conn.nextKind = kind;
		handleMessage(room, conn, data, log);
	}
}

/**
 * Handles one message from a started connection. Anything off-protocol closes that connection
 * alone (4400) before the document or anyone else sees it.
 */
export function handleMessage(
	room: Room,
	conn: Connection,
	data: Uint8Array,
	log: CollabLogger
): void {
	try {
		const message = decodeClientMessage(data);
		switch (message.type) {
			case 'sync-step1':
				conn.send(room.syncStep2(message.stateVector));
				return;
			case 'sync-step2':
			case 'update': {
				if (conn.readOnly) {
					log.debug(`${conn.label}: dropped ${message.type} from a read-only connection`);
					return;
				}
				const step2 = message.type === 'sync-step2';
				let incoming: IncomingUpdate;
				try {
					incoming = readIncomingUpdate(room.doc, message.update);
				} catch (error) {
					if (!step2 && error instanceof UnknownContent && holdUntilSync(conn, data)) return;
					throw error;
				}
				if (room.locked) {
					refuseLocked(room, conn, incoming, log);
					// The held edits are judged now too (and refused): their sender is waiting to hear.
					if (step2 && conn.open) releaseHeld(room, conn, log);
					return;
				}
				room.assertAuthorship(conn, incoming.authors);
				const check = cellCheck(room, conn);
				if (check) assertAllowedCellWrites(room.doc, check, incoming);
				// A client's sync step 2 carries what it has and the server lacks: edits made offline,
				// and after a server restart colleagues' edits relayed to it but never saved. Those
				// client IDs stay unclaimed, for their authors' own edits to claim.
				if (step2) conn.nextKind = OFFLINE_KIND;
				try {
					// A sync answer carries the sender's whole delete set: only its effect is relayed.
					const ahead = !step2 && incoming.allNew;
					room.applyClientUpdate(conn, message.update, step2 ? [] : incoming.authors, ahead);
				} finally {
					// Used up by the update, or left over when the sync brought nothing new.
					if (step2) conn.nextKind = null;
				}
				if (step2) releaseHeld(room, conn, log);
				return;
			}
			case 'awareness': {
				const { user } = conn.identity;
				const verified = { id: user.id, name: user.name, color: user.color };
				const update = sanitizeAwarenessUpdate(
					message.update,
					room.awareness,
					room.claims,
					conn,
					verified,
					{ stateBytes: room.limits.presenceStateBytes, rate: conn.presence }
				);
				if (update) room.applyAwareness(conn, update);
				return;
			}
			case 'edit-kind':
				conn.nextKind = message.kind;
				return;
			case 'query-awareness': {
				const present = [...room.awareness.getStates().keys()];
				conn.send(encodeAwareness(encodeAwarenessUpdate(room.awareness, present)));
				return;
			}
		}
	} catch (error) {
		if (error instanceof ProtocolError) return conn.reject(error.message, error.code);
		log.error(`${conn.label}: failed to handle a message`, error);
		conn.reject('message could not be handled');
	}
}

/** The check of each cell a connection writes: by the step's rules, or the scenario's. */
function cellCheck(room: Room, conn: Connection): CellCheck | null {
	const { ref, plan } = room;
	if (ref.kind === 'step') return (key, value) => checkCellWrite(plan, ref.step, key, value);
	if (ref.kind === 'scenario') {
		return (key, value) => checkScenarioCellWrite(plan, conn.steps, key, value);
	}
	return null;
}

/**
 * Nothing reaches a locked step. A client that sends new content there (a modified one, or an edit
 * that raced the lock) is closed so that it knows its edit was not saved; one that merely repeats
 * what the document has is ignored.
 */
function refuseLocked(
	room: Room,
	conn: Connection,
	incoming: IncomingUpdate,
	log: CollabLogger
): void {
	// An answer that brings nothing new is saved as it stands: its sender waits to hear so.
	if (incoming.authors.size === 0) return room.acknowledgeUnchanged(conn);
	const step = room.ref.kind === 'step' ? room.ref.step : 0;
	log.info(`${conn.label}: refused an edit to locked step ${step}`);
	conn.close(CLOSE_LOCKED, `Step ${step} is signed off and locked; your edit was not saved`);
}
