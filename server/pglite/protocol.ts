/** Messages between the process and the worker thread that owns the embedded database. */
import type { CopyValue } from '../../src/lib/server/db/copy-text.ts';

export type Request =
	| {
			id: number;
			kind: 'query';
			tx: number | null;
			text: string;
			params: unknown[];
			prepare?: boolean;
	  }
	| {
			id: number;
			kind: 'bulk-insert';
			tx: number | null;
			table: string;
			columns: readonly (readonly [name: string, type: string])[];
			rows: readonly (readonly CopyValue[])[];
	  }
	| { id: number; kind: 'begin' }
	| { id: number; kind: 'end'; tx: number; commit: boolean }
	| { id: number; kind: 'close' };

/** A Postgres error as data: its message and the fields callers test (code, detail, …). */
export interface ErrorData {
	name: string;
	message: string;
	fields: Record<string, unknown>;
}

export type Reply =
	| { kind: 'answer'; id: number; rows?: unknown[]; tx?: number }
	| { kind: 'error'; id: number; error: ErrorData }
	| { kind: 'ready' }
	| { kind: 'failed'; error: ErrorData };

export type Answer = Extract<Reply, { kind: 'answer' }>;

export function errorData(error: unknown): ErrorData {
	if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
	const fields: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(error)) {
		if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
			fields[key] = value;
		}
	}
	return { name: error.name, message: error.message, fields };
}

export function errorFrom(data: ErrorData): Error {
	return Object.assign(new Error(data.message), data.fields, { name: data.name });
}
