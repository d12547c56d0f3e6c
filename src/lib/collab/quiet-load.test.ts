import { describe, expect, it } from 'vitest';
import { Observable } from 'lib0/observable';
import type { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { quietWhileLoading } from './quiet-load.ts';

/** What quietWhileLoading reads of a local copy: whether it has loaded, and its 'synced' event. */
class LoadingCopy extends Observable<string> {
	synced = false;
	/** Applies the stored document in one transaction, then says so, as y-indexeddb does. */
	load(doc: Y.Doc, stored: Uint8Array): void {
		Y.applyUpdate(doc, stored, this);
		this.synced = true;
		this.emit('synced', [this]);
	}
}

function stored(): Uint8Array {
	const doc = new Y.Doc();
	for (let i = 0; i < 100; i++) doc.getMap('cells').set(`cell ${i}`, i);
	return Y.encodeStateAsUpdate(doc);
}

/** A document with an update listener that notes each update's origin. */
function listened() {
	const doc = new Y.Doc();
	const heard: unknown[] = [];
	const listener = (_update: Uint8Array, origin: unknown) => void heard.push(origin);
	doc.on('update', listener);
	return { doc, heard, listener };
}

describe('quietWhileLoading', () => {
	it('keeps the listeners off the load and hands them every update after it', () => {
		const { doc, heard, listener } = listened();
		const copy = new LoadingCopy();
		quietWhileLoading(doc, copy as unknown as IndexeddbPersistence, [listener]);

		copy.load(doc, stored());
		expect(doc.getMap('cells').size).toBe(100);
		expect(heard).toEqual([]);

		doc.transact(() => doc.getMap('cells').set('typed', 1), 'typing');
		expect(heard).toEqual(['typing']);
	});

	it('leaves the listeners alone when the copy has loaded already', () => {
		const { doc, heard, listener } = listened();
		const copy = new LoadingCopy();
		copy.synced = true;
		quietWhileLoading(doc, copy as unknown as IndexeddbPersistence, [listener]);

		doc.transact(() => doc.getMap('cells').set('typed', 1), 'typing');
		expect(heard).toEqual(['typing']);
	});
});
