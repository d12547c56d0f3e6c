import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Folder } from '../../../server/collab/fold.ts';
import { THREAD_NAMES } from '../../../src/lib/server/thread-name.ts';
import { BACKGROUND_NICE } from '../../../src/lib/server/thread-priority.ts';
import { threadsOfThisProcess } from '../../helpers/threads.ts';

const folder = new Folder();
afterAll(() => folder.close());

/** A snapshot of `cells` cells and `edits` later updates that overwrite some and delete others. */
function history(cells: number, edits: number) {
	const doc = new Y.Doc();
	const map = doc.getMap<number>('cells');
	doc.transact(() => {
		for (let i = 0; i < cells; i++) map.set(`item-${i}:2027-01:forecast`, i);
	});
	const snapshot = Y.encodeStateAsUpdate(doc);
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	for (let i = 0; i < edits; i++) {
		if (i % 3 === 0) map.delete(`item-${i}:2027-01:forecast`);
		else map.set(`item-${i}:2027-01:forecast`, -i);
	}
	return { doc, snapshot, updates };
}

function cellsOf(state: Uint8Array) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	return doc.getMap('cells').toJSON();
}

describe('folding a log into a snapshot', () => {
	it('gives a large document the state it has with every update applied', async () => {
		// About 1 MB of state: folded on the worker thread.
		const { doc, snapshot, updates } = history(30_000, 600);
		expect(snapshot.byteLength).toBeGreaterThan(256 * 1024);
		const state = await folder.fold(snapshot, updates);
		expect(cellsOf(state)).toEqual(doc.getMap('cells').toJSON());
		// Its thread is named, so an operator's top -H tells compaction from the event loop, and it
		// runs below the event loop's priority.
		const folds = threadsOfThisProcess().filter((t) => t.name === THREAD_NAMES.fold);
		expect(folds.length).toBeGreaterThan(0);
		for (const thread of folds) expect(thread.nice).toBe(BACKGROUND_NICE);
	});

	it('folds a small document the same way, and one without a snapshot yet', async () => {
		const { doc, updates } = history(0, 40);
		expect(cellsOf(await folder.fold(null, updates))).toEqual(doc.getMap('cells').toJSON());
	});

	it('skips an unreadable update as loading does, and keeps the rest', async () => {
		const { doc, snapshot, updates } = history(30_000, 10);
		const garbage = Uint8Array.of(1, 2, 3, 250, 250, 250);
		const state = await folder.fold(snapshot, [garbage, ...updates]);
		expect(cellsOf(state)).toEqual(doc.getMap('cells').toJSON());
	});
});
