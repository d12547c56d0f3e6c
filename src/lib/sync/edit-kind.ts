import * as encoding from 'lib0/encoding';
import type { EditKind } from '../domain/cell-history.ts';
import { MESSAGE_EDIT_KIND } from './protocol.ts';

/** The message announcing how the sender's next update was made. */
export function encodeEditKind(kind: EditKind): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_EDIT_KIND);
	encoding.writeVarString(encoder, kind);
	return encoding.toUint8Array(encoder);
}
