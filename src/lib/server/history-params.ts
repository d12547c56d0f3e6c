/**
 * The query parameters of the cell history and "changes since" endpoints, and the answers that
 * refuse them. Both are JSON GETs: a signed-out caller gets 401, not a sign-in page.
 */
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { inputMeasure } from '../domain/measures.ts';
import type { SessionUser } from './auth/session.ts';
import { firstError } from './validation.ts';

const refuse = (status: number, error: string) => json({ error }, { status });

const OWNER = 'Say which item or family (owner) the cell is on.';
const MONTH = 'Give the month (period) as YYYY-MM.';

export const cellSchema = z.object({
	owner: z.string({ error: OWNER }).regex(/^[a-z0-9]{1,40}$/, OWNER),
	measure: z
		.string({ error: 'Say which measure (measure) the cell is in.' })
		.refine(
			(id) => inputMeasure(id) !== undefined,
			'Name a typed measure: computed measures have no history of their own.'
		),
	period: z.string({ error: MONTH }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, MONTH)
});

const SINCE = 'Give "since" as an ISO date and time, e.g. 2027-01-31T09:00:00Z.';

const AFTER = 'Give "after" as the number of the last edit you have (lastId), e.g. 1234.';

export const sinceSchema = z.object({
	since: z
		.string({ error: SINCE })
		.pipe(z.iso.datetime({ offset: true, error: SINCE }))
		.transform((s) => new Date(s)),
	after: z
		.string({ error: AFTER })
		.regex(/^\d{1,15}$/, AFTER)
		.transform(Number)
		.optional()
});

/** The signed-in user and the parsed query, or the answer refusing the request. */
export function readQuery<T extends z.ZodType>(
	locals: App.Locals,
	url: URL,
	schema: T
): { user: SessionUser; query: z.output<T> } | Response {
	if (!locals.user) return refuse(401, 'Your session has ended. Sign in again.');
	const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) return refuse(400, firstError(parsed.error));
	return { user: locals.user, query: parsed.data };
}
