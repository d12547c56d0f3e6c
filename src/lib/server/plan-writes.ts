import * as Y from 'yjs';
import { collabHooks } from './collab-bridge.ts';
import type { Db } from './db/index.ts';
import { appendUpdates, loadDocument } from './yjs-store.ts';
import {
	applyStepWrite,
	isEmptyWrite,
	stepOfWrite,
	type StepWrite,
	type WriteActor
} from '../sync/server-write.ts';
import { STEPS, type StepNumber } from '../domain/roles.ts';
import { readCycleFlags, withdrawAfterEdit } from './cycle.ts';
import { Refusal } from './refusal.ts';

/** What a server-side write into a locked step is told. */
export function lockedStepRefusal(step: StepNumber): Refusal {
	return new Refusal(
		`Step ${step} (${STEPS[step - 1].name}) is signed off and locked; a leader can reopen it.`,
		423
	);
}

/**
 * Changes a step document's values from the server. With a collaboration server in this process
 * the write goes through its door (live, logged, gated). Without one (scripts, tests of a single
 * service) nobody can have the document open, so it is loaded, changed and logged here the same
 * way: one update in the log with its actor, never a snapshot written behind a room's back.
 */
export async function writeStep(
	db: Db,
	documentName: string,
	actor: WriteActor,
	write: StepWrite
): Promise<void> {
	const door = collabHooks();
	if (door) return door.write(documentName, actor, write);
	const ref = stepOfWrite(documentName, write);
	const flags = await readCycleFlags(db, ref.planId);
	if (flags.locked.includes(ref.step)) throw lockedStepRefusal(ref.step);
	if (isEmptyWrite(write)) return;
	const doc = new Y.Doc();
	try {
		await loadDocument(db, documentName, doc);
		let update: Uint8Array | null = null;
		doc.on('update', (u: Uint8Array) => (update = u));
		applyStepWrite(doc, write, actor);
		if (update) {
			await appendUpdates(db, documentName, [
				{ update, userId: actor.userId, source: actor.source }
			]);
			// As in the door: changed numbers withdraw the step's sign-offs.
			if (actor.userId && flags.signed.includes(ref.step)) {
				await withdrawAfterEdit(db, ref.planId, ref.step, actor.userId);
			}
		}
	} finally {
		doc.destroy();
	}
}
