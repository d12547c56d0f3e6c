import * as Y from 'yjs';
import { CELLS_MAP } from '../../src/lib/domain/measures.ts';
import { structAt, type IncomingUpdate } from './incoming-update.ts';
import { ProtocolError } from './protocol.ts';

type AnyItem = InstanceType<typeof Y.Item>;

/** Content next to collected garbage: Yjs drops it on arrival, so it writes nothing. */
const GARBAGE = Symbol('garbage');
type Key = string | typeof GARBAGE;

/** Why one cell write (null: a cleared or deleted cell) is refused; null when it is allowed. */
export type CellCheck = (key: string, value: unknown) => string | null;

/**
 * Refuses an update that writes anything the grid would never write: a key outside the `cells`
 * map (a step document's `base` rows and a scenario's bookkeeping are written by the server
 * alone), nested types, or a cell `check` refuses (for a step document: a measure that is derived,
 * imported or owned by another step, a cell of no item (or family) and month of the plan, or a
 * value that is not a number a person could type). Runs before the update touches the document,
 * on decoded structs, so a modified client changes nothing for anyone.
 *
 * Linear in the update: every lookup is a binary search, and each item's key is resolved once
 * (an update may chain thousands of items, each placed next to the one before).
 */
export function assertAllowedCellWrites(
	doc: Y.Doc,
	check: CellCheck,
	incoming: IncomingUpdate
): void {
	const keys = new KeyResolver(doc, incoming);
	for (const s of incoming.structs) {
		if (!(s instanceof Y.Item)) continue; // GC and Skip structs carry no content
		const key = keys.of(s);
		if (key === GARBAGE) continue;
		const content = s.content;
		// Values written and overwritten before they were sent (offline, say) arrive as deleted content.
		if (content instanceof Y.ContentDeleted) {
			refuseIfBad(check, key, null);
			continue;
		}
		if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) {
			throw new ProtocolError(`refused: "${key}" must hold one plain value`);
		}
		refuseIfBad(check, key, content.arr[0]);
	}
	for (const [client, ranges] of incoming.ds.clients) {
		for (const { clock, len } of merged(ranges)) {
			for (let c = clock; c < clock + len;) {
				const struct = keys.find(Y.createID(client, c));
				if (!struct) break; // deleting what never was changes nothing
				if (struct instanceof Y.Item) {
					const key = keys.of(struct);
					if (key !== GARBAGE) refuseIfBad(check, key, null);
				}
				c = struct.id.clock + struct.length;
			}
		}
	}
}

function refuseIfBad(check: CellCheck, key: string, value: unknown) {
	const problem = check(key, value);
	if (problem) throw new ProtocolError(`refused: ${problem}`);
}

/** Overlapping delete ranges (a crafted update may repeat one) are walked once. */
function merged(ranges: { clock: number; len: number }[]): { clock: number; len: number }[] {
	const sorted = [...ranges].sort((a, b) => a.clock - b.clock);
	const out: { clock: number; len: number }[] = [];
	for (const r of sorted) {
		const last = out.at(-1);
		if (last && r.clock <= last.clock + last.len) {
			last.len = Math.max(last.len, r.clock + r.len - last.clock);
		} else out.push({ clock: r.clock, len: r.len });
	}
	return out;
}

class KeyResolver {
	private readonly known = new Map<AnyItem, Key>();

	constructor(
		private readonly doc: Y.Doc,
		private readonly incoming: IncomingUpdate
	) {}

	/** The struct holding `id`, from the update itself or the document; null if there is none. */
	find(id: Y.ID): Y.Item | Y.GC | null {
		const own = structAt(this.incoming.byClient, id.client, id.clock);
		if (own) return own instanceof Y.Skip ? null : own;
		if (Y.getState(this.doc.store, id.client) <= id.clock) return null;
		const struct = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
		return struct;
	}

	/** The key of the `cells` entry an item belongs to; anything else is refused. */
	of(item: AnyItem): Key {
		const path: AnyItem[] = [];
		let key: Key | undefined;
		for (let current: AnyItem = item; key === undefined;) {
			key = this.known.get(current);
			if (key !== undefined) break;
			// Only the update's own items lack a parent, so a longer walk goes round in a loop.
			if (path.length > this.incoming.structs.length) {
				throw new ProtocolError('refused: items placed next to each other in a loop');
			}
			path.push(current);
			const parent = current.parent;
			if (typeof parent === 'string' || parent instanceof Y.AbstractType) {
				const name = typeof parent === 'string' ? parent : this.rootName(parent);
				if (name !== CELLS_MAP || typeof current.parentSub !== 'string') {
					throw new ProtocolError(`refused: writes outside "${CELLS_MAP}"`);
				}
				key = current.parentSub;
				break;
			}
			if (parent !== null) throw new ProtocolError('refused: nested types are not allowed');
			// Parent omitted: it is the parent of the item this one was inserted next to.
			const next: Y.ID | null = current.origin ?? current.rightOrigin;
			const neighbour = next ? this.find(next) : null;
			if (neighbour instanceof Y.Item) current = neighbour;
			else if (neighbour) key = GARBAGE;
			else throw new ProtocolError('refused: an update that refers to unknown content');
		}
		for (const p of path) this.known.set(p, key);
		return key;
	}

	private rootName(type: Y.AbstractType<unknown>): string | null {
		for (const [name, root] of this.doc.share) if (root === type) return name;
		return null;
	}
}
