import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendUpdates } from '../../../src/lib/server/yjs-log.ts';
import { compactDocument, foldUpdates, loadDocument } from '../../../src/lib/server/yjs-store.ts';
import { openTestDb } from '../../helpers/db.ts';
import { interceptDb } from './db-wrappers.ts';
import { cellUpdate, type TestDb } from './harness.ts';

let db: TestDb;
beforeAll(async () => (db = await openTestDb()));
afterAll(() => db.dispose());

const fold = async (snapshot: Uint8Array | null, updates: Uint8Array[]) =>
	foldUpdates(snapshot, updates);

describe('reading a saved document', () => {
	it('is whole when a compaction commits in the middle of the read', async () => {
		// A version, an export or a scenario summary reads saved documents while rooms compact them.
		const name = 'plan/torn/step/1';
		const lastId = await appendUpdates(
			db,
			name,
			['a', 'b', 'c'].map((key, i) => ({ update: cellUpdate(key, i + 1), userId: null }))
		);
		let compacted = false;
		const reader = interceptDb(db, /yjs_updates/, async () => {
			if (compacted) return;
			compacted = true;
			await compactDocument(db, name, lastId, fold);
		});

		const doc = new Y.Doc();
		await loadDocument(reader, name, doc);

		expect(compacted).toBe(true);
		expect(doc.getMap('cells').toJSON()).toEqual({ a: 1, b: 2, c: 3 });
	});
});
