import * as Y from 'yjs';
import { checkCellWrite } from '../../src/lib/domain/cell-rules.ts';
import { CELLS_MAP } from '../../src/lib/domain/measures.ts';
import type { StepNumber } from '../../src/lib/domain/roles.ts';
import { ProtocolError } from './protocol.ts';

type AnyItem = InstanceType<typeof Y.Item>;

/**
 * Refuses an update to a step document that writes anything the grid would never write: a key
 * outside the `cells` map (the `base` rows are written by the server alone), a cell of a measure
 * that is derived, imported or owned by another step, or a value that is not a number a person
 * could type. Runs before the update touches the document, on decoded structs, so a modified
 * client changes nothing for anyone.
 */
export function assertAllowedCellWrites(doc: Y.Doc, step: StepNumber, update: Uint8Array): void {
	const { structs, ds } = Y.decodeUpdate(update);
	const incoming = new Map<string, AnyItem>();
	for (const s of structs) if (s instanceof Y.Item) incoming.set(idKey(s.id), s);

	for (const s of structs) {
		if (!(s instanceof Y.Item)) continue; // GC and Skip structs carry no content
		const key = mapKeyOf(doc, s, incoming);
		if (key === GARBAGE) continue;
		const content = s.content;
		if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) {
			throw new ProtocolError(`refused: "${key}" must hold one plain value`);
		}
		refuseIfBad(step, key, content.arr[0]);
	}

	for (const [client, deletes] of ds.clients) {
		for (const { clock, len } of deletes) {
			for (let c = clock; c < clock + len;) {
				const item = findItem(doc, Y.createID(client, c), incoming);
				if (!(item instanceof Y.Item)) break; // deleting what is gone or never was changes nothing
				const key = mapKeyOf(doc, item, incoming);
				if (key !== GARBAGE) refuseIfBad(step, key, null);
				c = item.id.clock + item.length;
			}
		}
	}
}

function refuseIfBad(step: StepNumber, key: string, value: unknown) {
	const problem = checkCellWrite(step, key, value);
	if (problem) throw new ProtocolError(`refused: ${problem}`);
}

const idKey = (id: { client: number; clock: number }) => `${id.client}:${id.clock}`;

/** Content next to collected garbage: Yjs drops it on arrival, so it writes nothing. */
const GARBAGE = Symbol('garbage');

/** The key of the `cells` entry an item belongs to; anything else is refused. */
function mapKeyOf(
	doc: Y.Doc,
	item: AnyItem,
	incoming: Map<string, AnyItem>
): string | typeof GARBAGE {
	for (let current: AnyItem | null = item, hops = 0; current && hops < 10_000; hops++) {
		const parent = current.parent;
		if (typeof parent === 'string' || parent instanceof Y.AbstractType) {
			const name = typeof parent === 'string' ? parent : rootName(doc, parent);
			if (name !== CELLS_MAP || typeof current.parentSub !== 'string') {
				throw new ProtocolError(`refused: writes outside "${CELLS_MAP}"`);
			}
			return current.parentSub;
		}
		if (parent !== null) throw new ProtocolError('refused: nested types are not allowed');
		// Parent omitted: it is the parent of the item this one was inserted next to.
		const next: Y.ID | null = current.origin ?? current.rightOrigin;
		const neighbour: AnyItem | 'gc' | null = next ? findItem(doc, next, incoming) : null;
		if (neighbour === 'gc') return GARBAGE;
		current = neighbour;
	}
	// Content that depends on what the server has never seen would wait unchecked until it arrives.
	throw new ProtocolError('refused: an update that refers to unknown content');
}

function rootName(doc: Y.Doc, type: Y.AbstractType<unknown>): string | null {
	for (const [name, root] of doc.share) if (root === type) return name;
	return null;
}

/** The item holding `id`, from the update itself or the document; 'gc' if collected, null if unknown. */
function findItem(doc: Y.Doc, id: Y.ID, incoming: Map<string, AnyItem>): AnyItem | 'gc' | null {
	const own = incoming.get(idKey(id));
	if (own) return own;
	for (const item of incoming.values()) {
		if (
			item.id.client === id.client &&
			item.id.clock <= id.clock &&
			id.clock < item.id.clock + item.length
		) {
			return item;
		}
	}
	if (Y.getState(doc.store, id.client) <= id.clock) return null;
	const struct = Y.getItem(doc.store, id);
	return struct instanceof Y.Item ? struct : 'gc';
}
