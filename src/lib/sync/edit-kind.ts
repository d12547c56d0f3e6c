import * as encoding from 'lib0/encoding';
import type { EditKind } from '../domain/cell-history.ts';
import { MESSAGE_EDIT_KIND } from './protocol.ts';

/** The message announcing how the sender's next update was made. */
export function encodeEditKind(kind: EditKind): Uint8Array<ArrayBuffer> {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_EDIT_KIND);
	encoding.writeVarString(encoder, kind);
	// A fresh buffer of its own, as a WebSocket's send wants it.
	return encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>;
}
