import * as Y from 'yjs';
import { collabHooks } from './collab-bridge.ts';
import type { Db } from './db/index.ts';
import { appendUpdates } from './yjs-log.ts';
import { loadDocument } from './yjs-store.ts';
import {
	applyStepWrite,
	isEmptyHierarchyChange,
	isEmptyWrite,
	stepOfWrite,
	type PlanWrite,
	type StepWrite,
	type WriteActor
} from '../sync/server-write.ts';
import { stepDocument } from '../domain/documents.ts';
import { lockedStepMessage } from '../domain/cycle.ts';
import type { StepNumber } from '../domain/roles.ts';
import { readCycleFlags, withdrawAfterEdit } from './cycle.ts';
import { applyHierarchyChange } from './plan-hierarchy.ts';
import { Refusal } from './refusal.ts';

/** What a server-side write into a locked step is told. */
export function lockedStepRefusal(step: StepNumber): Refusal {
	return new Refusal(lockedStepMessage(step), 423);
}

/** Changes one step document's values from the server; see writePlan. */
export async function writeStep(
	db: Db,
	documentName: string,
	actor: WriteActor,
	write: StepWrite
): Promise<void> {
	const door = collabHooks();
	if (door) return door.write(documentName, actor, write);
	const ref = stepOfWrite(documentName, write);
	await writePlan(db, ref.planId, actor, { steps: [[ref.step, write]] });
}

/**
 * Changes a plan's values (and hierarchy) from the server. With a collaboration server in this
 * process the write goes through its door (live, logged, gated). Without one (scripts, tests of a
 * single service) nobody can have the documents open, so they are loaded, changed and logged here
 * the same way: one update per document in the log with its actor, never a snapshot written
 * behind a room's back.
 */
export async function writePlan(
	db: Db,
	planId: string,
	actor: WriteActor,
	write: PlanWrite
): Promise<void> {
	const door = collabHooks();
	if (door) return door.writePlan(planId, actor, write);
	for (const [step, w] of write.steps) stepOfWrite(stepDocument(planId, step), w);
	const flags = await readCycleFlags(db, planId);
	const locked = write.steps.find(([step]) => flags.locked.includes(step));
	if (locked) throw lockedStepRefusal(locked[0]);
	if (!isEmptyHierarchyChange(write.hierarchy)) {
		await applyHierarchyChange(db, planId, write.hierarchy!);
	}
	for (const [step, w] of write.steps) {
		if (!isEmptyWrite(w)) await writeDetached(db, planId, step, actor, w, flags.signed);
	}
}

async function writeDetached(
	db: Db,
	planId: string,
	step: StepNumber,
	actor: WriteActor,
	write: StepWrite,
	signed: readonly StepNumber[]
): Promise<void> {
	const documentName = stepDocument(planId, step);
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
			if (actor.userId && signed.includes(step)) {
				await withdrawAfterEdit(db, planId, step, actor.userId);
			}
		}
	} finally {
		doc.destroy();
	}
}
