import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { isEditKind, type EditKind } from '../../src/lib/domain/cell-history.ts';
import {
	CLOSE_MALFORMED,
	MESSAGE_ACK,
	MESSAGE_AWARENESS,
	MESSAGE_EDIT_KIND,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	SYNC_STEP1,
	SYNC_STEP2,
	SYNC_UPDATE
} from '../../src/lib/sync/protocol.ts';

export type ClientMessage =
	| { type: 'sync-step1'; stateVector: Uint8Array }
	| { type: 'sync-step2' | 'update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' }
	| { type: 'edit-kind'; kind: EditKind };

/**
 * A message that does not follow the protocol or that the server refuses; the connection sending
 * it is closed with `code` (4400 unless a limit says otherwise).
 */
export class ProtocolError extends Error {
	constructor(
		message: string,
		readonly code: number = CLOSE_MALFORMED
	) {
		super(message);
	}
}

/**
 * Reads the envelope of one client message. Throws ProtocolError on anything a y-websocket client
 * would never send, so a broken or hostile client is stopped before its bytes reach the document.
 */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
	const decoder = decoding.createDecoder(data);
	const message = guard('truncated message', () => readMessage(decoder));
	if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message');
	return message;
}

/** Whether a client message is a sync step 1 from an empty document: it asks for everything. */
export function asksForEverything(data: Uint8Array): boolean {
	try {
		const message = decodeClientMessage(data);
		return message.type === 'sync-step1' && Y.decodeStateVector(message.stateVector).size === 0;
	} catch {
		// Refused in its turn, when the connection starts.
		return false;
	}
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
	const type = decoding.readVarUint(decoder);
	switch (type) {
		case MESSAGE_SYNC:
			return readSync(decoder);
		case MESSAGE_AWARENESS:
			return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
		case MESSAGE_QUERY_AWARENESS:
			return { type: 'query-awareness' };
		case MESSAGE_EDIT_KIND: {
			const kind = decoding.readVarString(decoder);
			if (!isEditKind(kind)) throw new ProtocolError('unknown edit kind');
			return { type: 'edit-kind', kind };
		}
		default:
			throw new ProtocolError(`unknown message type ${type}`);
	}
}

function readSync(decoder: decoding.Decoder): ClientMessage {
	const step = decoding.readVarUint(decoder);
	const payload = decoding.readVarUint8Array(decoder);
	switch (step) {
		case SYNC_STEP1:
			guard('invalid state vector', () => Y.decodeStateVector(payload));
			return { type: 'sync-step1', stateVector: payload };
		case SYNC_STEP2:
			return { type: 'sync-step2', update: payload };
		case SYNC_UPDATE:
			return { type: 'update', update: payload };
		default:
			throw new ProtocolError(`unknown sync message type ${step}`);
	}
}

function guard<T>(reason: string, fn: () => T): T {
	try {
		return fn();
	} catch (error) {
		if (error instanceof ProtocolError) throw error;
		throw new ProtocolError(reason);
	}
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP1);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
	return encodeSyncStep2Update(Y.encodeStateAsUpdate(doc, stateVector));
}

/** Sync step 2 carrying an update already encoded. */
export function encodeSyncStep2Update(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_UPDATE);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/**
 * An awareness update with no entries: a no-op for the client, but it resets the y-websocket
 * provider's 30 s no-message watchdog on documents where nobody shares presence.
 */
export const KEEP_ALIVE = encodeAwareness(Uint8Array.of(0));

export function encodeAck(count: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_ACK);
	encoding.writeVarUint(encoder, count);
	return encoding.toUint8Array(encoder);
}
