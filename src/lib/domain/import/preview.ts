import type { StepNumber } from '../roles.ts';
import type { FileRead, ImportProblem, Mapping } from './types.ts';

/**
 * What an import would change, as the Import page and the API answer it. The same shape comes
 * back after applying (with `applied` set), so a preview and its outcome read alike.
 */

/** Where an import's values go: a plan's step documents, or the workspace's sales history. */
export type ImportTarget = 'plan' | 'history';

/** One measure's cells in the preview: how many change, how many already hold the value. */
export interface MeasureChange {
	step: StepNumber;
	measure: string;
	label: string;
	changed: number;
	unchanged: number;
	/** Why these cells cannot be imported (a locked step, a measure the person may not edit). */
	refused: string | null;
}

export interface ImportSummary {
	/** Values read from the file (before any is found unchanged or refused). */
	valuesRead: number;
	measures: MeasureChange[];
	familiesAdded: string[];
	itemsAdded: { count: number; examples: { sku: string; family: string }[] };
	itemsRenamed: number;
	/** SKUs the plan does not have and the file gives no family for (so they cannot be added). */
	unknownSkus: { count: number; examples: string[] };
	/** Values for months the plan does not cover. */
	outsideHorizon: { count: number; months: string[] };
	skipped: { reason: string; lines: number }[];
	/** Sales-history imports: what the workspace's history gains. */
	history: {
		added: number;
		changed: number;
		unchanged: number;
		skus: number;
		first: string | null;
		last: string | null;
	} | null;
}

export interface ImportPreview {
	target: ImportTarget;
	fileName: string;
	file: Omit<FileRead, 'rows' | 'problems'>;
	/** The header row's cells as text, for the mapping editor. */
	headers: string[];
	mapping: Mapping;
	/** Why the numbers are read as they are ("Decimal comma: 1.234,5 on line 4"). */
	numberStyleReason: string;
	/** The first lines as read, as text. */
	sample: { line: number; cells: string[] }[];
	/** Every problem (capped); any problem blocks applying. */
	problems: ImportProblem[];
	summary: ImportSummary;
	/** No problem, nothing refused, and something to change. */
	canApply: boolean;
	applied: boolean;
}

/** Sent with a file: which sheet to read and, once the person has changed it, the mapping. */
export interface ImportOptions {
	sheet: string | null;
	mapping: Mapping | null;
}

/**
 * A streamed answer (`accept: application/x-ndjson`) is one JSON object a line: progress lines,
 * then the preview or an error.
 */
export type ImportStreamLine =
	| { progress: { phase: 'read' | 'check' | 'apply'; done: number; total: number } }
	| { preview: ImportPreview }
	| { error: string; status: number };
