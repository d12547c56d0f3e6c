import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MetNewer } from '../domain/offline-edits.ts';
import { WaitingEdits } from './waiting-edits.ts';

const SERVER = Symbol('server');
const LOCAL_COPY = Symbol('local copy');

function memoryStorage() {
	const items = new Map<string, string>();
	return {
		getItem: (k: string) => items.get(k) ?? null,
		setItem: (k: string, v: string) => void items.set(k, v),
		removeItem: (k: string) => void items.delete(k)
	};
}

/** A browser's copy of a step document with its waiting edits, as PlanDocuments wires them. */
function browserDoc(clientID: number, storage: ReturnType<typeof memoryStorage>) {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	const cells = doc.getMap<number | null>('cells');
	const met: MetNewer[] = [];
	const waiting = new WaitingEdits(
		'waiting',
		cells,
		(origin) => origin === SERVER || origin === LOCAL_COPY,
		(origin) => origin === SERVER,
		{ onCount: () => {}, onMetNewer: (m) => met.push(...m) },
		storage
	);
	return { doc, cells, met, waiting };
}

const syncFrom = (from: Y.Doc, to: Y.Doc, origin: unknown = SERVER) =>
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), origin);

describe('WaitingEdits', () => {
	for (const [mine, theirs] of [
		[1, 2],
		[3, 2]
	]) {
		it(`lists an offline edit that met a concurrent one, kept as Yjs resolves it (clients ${mine}, ${theirs})`, () => {
			const server = new Y.Doc();
			server.getMap('cells').set('k', 1);
			const me = browserDoc(mine, memoryStorage());
			const other = browserDoc(theirs, memoryStorage());
			syncFrom(server, me.doc);
			syncFrom(server, other.doc);

			me.cells.set('k', 5);
			other.cells.set('k', 6);
			syncFrom(other.doc, server);
			expect(me.waiting.count).toBe(1);

			syncFrom(server, me.doc);
			syncFrom(me.doc, server);
			const final = me.cells.get('k');
			expect(server.getMap('cells').get('k')).toBe(final);
			expect(me.met).toEqual([
				{ key: 'k', yours: 5, theirs: 6, kept: final === 5 ? 'yours' : 'theirs' }
			]);
		});
	}

	it('keeps waiting edits across a reload and still lists a clash after it', () => {
		const storage = memoryStorage();
		const server = new Y.Doc();
		const before = browserDoc(1, storage);
		before.cells.set('k', 5);
		before.cells.set('j', 7);
		server.getMap('cells').set('k', 9);

		const after = browserDoc(4, storage);
		syncFrom(before.doc, after.doc, LOCAL_COPY);
		expect(after.waiting.count).toBe(2);
		syncFrom(server, after.doc);
		expect(after.met).toHaveLength(1);
		expect(after.met[0]).toMatchObject({ key: 'k', yours: 5 });

		after.waiting.acknowledged();
		expect(after.waiting.count).toBe(0);
		expect(storage.getItem('waiting')).toBeNull();
	});

	it('does not count the server’s or the local copy’s cells as waiting', () => {
		const server = new Y.Doc();
		server.getMap('cells').set('k', 1);
		const me = browserDoc(1, memoryStorage());
		syncFrom(server, me.doc);
		syncFrom(server, me.doc, LOCAL_COPY);
		expect(me.waiting.count).toBe(0);
		expect(me.met).toEqual([]);
	});
});
