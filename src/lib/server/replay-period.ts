import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { defaultPeriod } from '../domain/replay/timeline.ts';

const instant = (what: string) =>
	z.iso
		.datetime({
			offset: true,
			message: `${what} must be a date and time like 2027-01-31T09:00:00Z`
		})
		.transform((s) => new Date(s))
		.optional();

const periodSchema = z
	.object({ from: instant('“from”'), to: instant('“to”') })
	.refine((p) => (p.from === undefined) === (p.to === undefined), {
		message: 'Give both “from” and “to”, or neither'
	})
	.refine((p) => !p.from || !p.to || p.from < p.to, { message: '“from” must be before “to”' });

/**
 * The period a replay asks for in its query (`from` and `to`, ISO instants), the last 24 hours
 * when it names none; anything else is a 400 that says what is wrong.
 */
export function replayPeriod(url: URL, now = new Date()): { from: Date; to: Date } {
	const parsed = periodSchema.safeParse({
		from: url.searchParams.get('from') ?? undefined,
		to: url.searchParams.get('to') ?? undefined
	});
	if (!parsed.success) error(400, { message: parsed.error.issues[0].message });
	const { from, to } = parsed.data;
	return from && to ? { from, to } : defaultPeriod(now);
}
