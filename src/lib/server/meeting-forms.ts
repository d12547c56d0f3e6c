/**
 * The meeting forms' fields. Agenda rows repeat their fields (itemTitle, itemMinutes, itemOwner,
 * itemStep, one of each per row); references to cells come as a JSON list from the grid.
 */
import { z } from 'zod';
import { line, multiline, text } from './validation.ts';

const id = line().min(1, 'Something is missing from the form.').max(64, 'Unknown identifier.');
const stepField = z
	.enum(['', '1', '2', '3', '4'], { message: 'Choose a step of the cycle, or the whole cycle' })
	.transform((s) => (s === '' ? null : Number(s)));

export const MAX_AGENDA_ITEMS = 20;

const agendaItem = z.object({
	title: text('Give every agenda item a title').max(120, 'Keep agenda titles under 120 characters'),
	minutes: z.coerce
		.number({ message: 'A time box is a number of minutes' })
		.int('A time box is a whole number of minutes')
		.min(1, 'A time box is at least 1 minute')
		.max(240, 'A time box is at most 240 minutes'),
	ownerId: id,
	step: stepField
});

export const startMeetingSchema = z.object({
	title: text('Give the meeting a title').max(120, 'Keep the title under 120 characters'),
	step: stepField,
	agenda: z
		.array(agendaItem)
		.min(1, 'Add at least one agenda item')
		.max(MAX_AGENDA_ITEMS, `An agenda has at most ${MAX_AGENDA_ITEMS} items`)
});
export type StartMeetingInput = z.output<typeof startMeetingSchema>;

/** The start form's fields, with its repeated agenda fields gathered into rows. */
export function startMeetingFields(data: FormData): Record<string, unknown> {
	const all = (key: string) => data.getAll(key).map((v) => (typeof v === 'string' ? v : ''));
	const titles = all('itemTitle');
	const minutes = all('itemMinutes');
	const owners = all('itemOwner');
	const steps = all('itemStep');
	return {
		title: data.get('title') ?? undefined,
		step: data.get('step') ?? undefined,
		agenda: titles.slice(0, MAX_AGENDA_ITEMS + 1).map((title, i) => ({
			title,
			minutes: minutes[i],
			ownerId: owners[i],
			step: steps[i] ?? ''
		}))
	};
}

/** `from`: the agenda position the leader saw, so a double click moves on once. */
export const advanceSchema = z.object({
	meeting: id,
	from: z.coerce.number({ message: 'Say which item to move on from' }).int().min(0).max(99)
});
export const meetingSchema = z.object({ meeting: id });
export const presenterSchema = z.object({ meeting: id, userId: id });

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day (2027-02-30 is not), as 'YYYY-MM-DD'. */
const isDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export const MAX_REFS = 200;
const ref = z.strictObject({
	ownerId: id,
	measureId: id.nullable().default(null),
	period: line().max(16).nullable().default(null)
});

export const decisionSchema = z.object({
	text: multiline('Write the decision')
		.trim()
		.min(1, 'Write the decision')
		.max(1000, 'Keep a decision under 1,000 characters'),
	ownerId: id,
	due: z
		.string()
		.default('')
		.refine((s) => s === '' || isDay(s), 'Choose a real due date (YYYY-MM-DD), or none')
		.transform((s) => (s === '' ? null : s)),
	refs: z
		.string()
		.max(50_000, 'Too many cells selected for one decision')
		.default('[]')
		.transform((s, ctx) => {
			try {
				return JSON.parse(s) as unknown;
			} catch {
				ctx.addIssue({ code: 'custom', message: 'The selected cells could not be read' });
				return z.NEVER;
			}
		})
		.pipe(
			z
				.array(ref, { message: 'The selected cells could not be read' })
				.max(MAX_REFS, `A decision concerns at most ${MAX_REFS} cells`)
		)
});
export type DecisionInput = z.output<typeof decisionSchema>;

export const decisionDoneSchema = z.object({ decision: id });
