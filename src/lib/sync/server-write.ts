import type * as Y from 'yjs';
import { BASE_MAP, CELLS_MAP, inputMeasure, parseCellKey } from '../domain/measures.ts';
import { parseDocument, type DocumentRef } from '../domain/documents.ts';
import type { StepNumber } from '../domain/roles.ts';

/** Where a server-side change of plan values comes from; the update log keeps it per update. */
export const WRITE_SOURCES = ['seed', 'next-cycle', 'import', 'forecast', 'scenario'] as const;
export type WriteSource = (typeof WRITE_SOURCES)[number];

/** Who asked for a server-side write, and why: logged with the update it makes. */
export interface WriteActor {
	/** The acting person; null only for the server's own work (the demo seed). */
	userId: string | null;
	source: WriteSource;
}

/**
 * A change to one step document, as data rather than a callback: it is checked before anything
 * changes, it can be sent to the process that owns the plan, and it never touches a Yjs instance
 * of another module graph.
 */
export interface StepWrite {
	/** Whole rows (`rowKey` → one value per month, null where empty) set in the `base` map. */
	base?: readonly (readonly [string, readonly (number | null)[]])[];
	/** Single cells (`cellKey` → value, null clears) set in the `cells` map, as an edit would. */
	cells?: readonly (readonly [string, number | null])[];
}

/**
 * Rows a write adds to a plan's hierarchy, or changes, with ids chosen by the writer so that the
 * same write's cells can name them. Added families and items go after the existing ones.
 */
export interface HierarchyChange {
	families: readonly { id: string; name: string }[];
	items: readonly { id: string; familyId: string; sku: string; name: string }[];
	/** Items whose name or lead time the write changes. */
	updated: readonly { id: string; name?: string; leadTimeDays?: number | null }[];
}

/**
 * A change to a whole plan, applied all or nothing as far as the cycle goes: every step it writes
 * must be open, or nothing changes.
 */
export interface PlanWrite {
	hierarchy?: HierarchyChange;
	steps: readonly (readonly [StepNumber, StepWrite])[];
}

export function isEmptyHierarchyChange(change: HierarchyChange | undefined): boolean {
	return !change || change.families.length + change.items.length + change.updated.length === 0;
}

/** Why a write cannot be applied as asked; a programming error, not a person's mistake. */
export function writeProblem(step: StepNumber, write: StepWrite): string | null {
	for (const [key, row] of write.base ?? []) {
		const [ownerId, measureId, ...rest] = key.split(':');
		if (!ownerId || rest.length > 0) return `"${key}" is not a row key`;
		if (inputMeasure(measureId)?.step !== step)
			return `${measureId} is not a measure of step ${step}`;
		if (row.some((v) => v !== null && !Number.isFinite(v)))
			return `row "${key}" holds a non-number`;
	}
	for (const [key, value] of write.cells ?? []) {
		const parsed = parseCellKey(key);
		if (!parsed) return `"${key}" is not a cell key`;
		if (inputMeasure(parsed.measureId)?.step !== step) {
			return `${parsed.measureId} is not a measure of step ${step}`;
		}
		if (value !== null && !Number.isFinite(value)) return `cell "${key}" holds a non-number`;
	}
	return null;
}

/** The step document a write goes to; throws for a write that is no step's (a programming error). */
export function stepOfWrite(
	documentName: string,
	write: StepWrite
): Extract<DocumentRef, { kind: 'step' }> {
	const ref = parseDocument(documentName);
	if (ref?.kind !== 'step') throw new Error(`${documentName} is not a step document`);
	const problem = writeProblem(ref.step, write);
	if (problem) throw new Error(`${documentName}: ${problem}`);
	return ref;
}

/** Applies a write to a step document in one transaction with the given origin. */
export function applyStepWrite(doc: Y.Doc, write: StepWrite, origin: unknown): void {
	const base = doc.getMap<(number | null)[]>(BASE_MAP);
	const cells = doc.getMap<number | null>(CELLS_MAP);
	doc.transact(() => {
		for (const [key, row] of write.base ?? []) base.set(key, [...row]);
		for (const [key, value] of write.cells ?? []) cells.set(key, value);
	}, origin);
}

export function isEmptyWrite(write: StepWrite): boolean {
	return (write.base?.length ?? 0) === 0 && (write.cells?.length ?? 0) === 0;
}
