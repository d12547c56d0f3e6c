import { z } from 'zod';
import { FIELDS, type Mapping } from './types.ts';

/** The widest sheet an import reads; a mapping naming a column past it is not a mapping. */
export const MAX_COLUMNS = 1000;

const column = z.number().int().min(0).max(MAX_COLUMNS - 1);

/**
 * A mapping as a browser or an API client sends it back: checked in shape and size before it is
 * used, since a modified client can send anything. Whether it reads the file sensibly is
 * `mappingProblems`' question.
 */
export const mappingSchema: z.ZodType<Mapping> = z.object({
	layout: z.enum(['long', 'wide', 'items']),
	headerLine: z.number().int().min(1).max(10_000_000),
	columns: z.partialRecord(z.enum(FIELDS), column),
	months: z
		.array(z.object({ column, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }))
		.max(MAX_COLUMNS),
	measure: z.string().max(40).nullable(),
	numberStyle: z.enum(['point', 'comma'])
});

/** The mapping in a request's `mapping` parameter, or a sentence saying what is wrong with it. */
export function parseMappingParameter(raw: string | null): Mapping | null | string {
	if (raw === null || raw === '') return null;
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		return 'The mapping is not valid JSON';
	}
	const parsed = mappingSchema.safeParse(json);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	return `The mapping is not valid: ${issue.path.join('.') || 'mapping'}: ${issue.message}`;
}
