import * as Y from 'yjs';
import { ProtocolError } from './protocol.ts';

export type AnyStruct = Y.Item | Y.GC | Y.Skip;
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** A client's update, decoded once and indexed for the checks that run before it is applied. */
export interface IncomingUpdate {
	structs: AnyStruct[];
	ds: DeleteSet;
	/** The update's structs per client, in clock order, contiguous. */
	byClient: Map<number, AnyStruct[]>;
	/** Clients under which this update adds content the document does not have yet. */
	authors: Set<number>;
	/**
	 * Whether it adds content and repeats none the document has: what applying it relays is then
	 * the update as sent, and it can go to the other clients before it is applied.
	 */
	allNew: boolean;
}

/**
 * Decodes an update and refuses it unless the document can integrate all of it now. Yjs would keep
 * the rest (content after a clock gap, or next to content it has never seen) in a pending store,
 * unchecked, to integrate whenever the missing part turned up; the sender would hear "saved" for
 * edits that are neither stored nor relayed.
 */
export function readIncomingUpdate(doc: Y.Doc, update: Uint8Array): IncomingUpdate {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	// Y.applyUpdate on arbitrary bytes may throw halfway through, or worse, not throw; decoding the
	// whole update first refuses almost all garbage before the document is touched.
	try {
		decoded = Y.decodeUpdate(update);
	} catch {
		throw new ProtocolError('invalid update');
	}
	const { structs, ds } = decoded;
	const byClient = new Map<number, AnyStruct[]>();
	const authors = new Set<number>();
	/** Per client: the clock up to which the document will hold everything once this is applied. */
	const reach = new Map<number, number>();
	let previous: AnyStruct | null = null;
	let allNew = structs.length > 0;
	for (const s of structs) {
		const { client, clock } = s.id;
		let own = byClient.get(client);
		if (own && previous?.id.client !== client) throw new ProtocolError('invalid update');
		if (!own) byClient.set(client, (own = []));
		const known = reach.get(client) ?? Y.getState(doc.store, client);
		const last = own.at(-1);
		if (last && clock !== last.id.clock + last.length) throw new ProtocolError('invalid update');
		if (s instanceof Y.Skip || clock > known) throw unknownContent();
		if (clock < known) allNew = false;
		if (clock + s.length > known) {
			authors.add(client);
			reach.set(client, clock + s.length);
		} else reach.set(client, known);
		own.push(s);
		previous = s;
	}
	const holds = (id: Y.ID | null) =>
		id === null || id.clock < (reach.get(id.client) ?? Y.getState(doc.store, id.client));
	for (const s of structs) {
		if (!(s instanceof Y.Item)) continue;
		const parent = s.parent instanceof Y.ID ? s.parent : null;
		if (!holds(s.origin) || !holds(s.rightOrigin) || !holds(parent)) throw unknownContent();
	}
	for (const [client, ranges] of ds.clients) {
		const known = reach.get(client) ?? Y.getState(doc.store, client);
		for (const { clock, len } of ranges) if (clock + len > known) throw unknownContent();
	}
	return { structs, ds, byClient, authors, allNew };
}

/** An update that builds on content the server does not have (yet). */
export class UnknownContent extends ProtocolError {
	constructor() {
		super('refused: an update that depends on content the server does not have');
	}
}

const unknownContent = () => new UnknownContent();

/** The struct of `byClient` holding `clock` (binary search), or undefined. */
export function structAt(
	byClient: Map<number, AnyStruct[]>,
	client: number,
	clock: number
): AnyStruct | undefined {
	const own = byClient.get(client);
	if (!own) return undefined;
	let low = 0;
	let high = own.length - 1;
	while (low <= high) {
		const mid = (low + high) >> 1;
		const s = own[mid];
		if (clock < s.id.clock) high = mid - 1;
		else if (clock >= s.id.clock + s.length) low = mid + 1;
		else return s;
	}
	return undefined;
}
