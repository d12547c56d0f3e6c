import { z } from 'zod';
import { LEVER_KINDS, type Lever } from '../domain/scenario/levers.ts';
import type { Resolution } from '../domain/scenario/merge.ts';
import type { MergeRequestSelection } from '../sync/scenario-ops.ts';
import { scenarioSchema } from './scenarios.ts';
import { line, multiline } from './validation.ts';

/** Form schemas of a scenario's board; messages are for the person who pressed the button. */

/** Cells a merge of "the selected cells" may name; a larger choice is a family or the whole. */
export const MAX_MERGE_KEYS = 5000;

const optionalId = line()
	.max(40)
	.optional()
	.transform((id) => id || undefined);

export const leverSchema = z
	.object({
		kind: z.enum(LEVER_KINDS, { message: 'Choose how the lever changes the numbers' }),
		measure: line('Choose a measure').min(1, 'Choose a measure').max(40),
		familyId: optionalId,
		itemId: optionalId,
		from: line('Choose the first month').max(7),
		to: line('Choose the last month').max(7),
		amount: z
			.string({ error: 'Enter the amount' })
			.trim()
			.min(1, 'Enter the amount')
			.max(30, 'Enter the amount as a number')
			.transform((a) => Number(a.replace(/\s/g, '')))
			.refine(Number.isFinite, 'Enter the amount as a number, e.g. 20 or -5'),
		note: multiline()
			.max(500, 'Keep the note under 500 characters')
			.optional()
			.default('')
			.transform((n) => n.trim())
	})
	.transform((f): Lever => ({
		id: '',
		kind: f.kind,
		measure: f.measure,
		scope: { familyId: f.familyId, itemId: f.itemId },
		from: f.from,
		to: f.to,
		amount: f.amount,
		author: '',
		note: f.note
	}));

export const removeLeverSchema = z.object({ leverId: line('Choose a lever').min(1).max(40) });

const RESOLUTION = 'resolution:';

/**
 * A merge form: what to merge (`what`: all, family, cells), whether to only check it, and how the
 * person settled each conflict (`resolution:<cellKey>` = scenario or base).
 */
export const mergeSchema = z
	.looseObject({
		what: z.enum(['all', 'family', 'cells'], { message: 'Choose what to merge' }),
		familyId: line().max(40).optional(),
		keys: z
			.string()
			.max(MAX_MERGE_KEYS * 64, 'Select fewer cells, or merge a family')
			.optional(),
		intent: z.enum(['check', 'merge']).optional().default('merge')
	})
	.transform((form, ctx) => {
		let selection: MergeRequestSelection = { kind: 'all' };
		if (form.what === 'family') {
			if (!form.familyId) {
				ctx.addIssue({ code: 'custom', message: 'Choose the family to merge' });
				return z.NEVER;
			}
			selection = { kind: 'families', familyIds: [form.familyId] };
		} else if (form.what === 'cells') {
			const keys = parseKeys(form.keys);
			if (!keys) {
				ctx.addIssue({ code: 'custom', message: 'Select the cells to merge in the grid first' });
				return z.NEVER;
			}
			if (keys.length > MAX_MERGE_KEYS) {
				ctx.addIssue({
					code: 'custom',
					message: `Select at most ${MAX_MERGE_KEYS.toLocaleString('en')} cells, or merge a family`
				});
				return z.NEVER;
			}
			selection = { kind: 'cells', keys };
		}
		const resolutions: [string, Resolution][] = [];
		for (const [name, value] of Object.entries(form)) {
			if (!name.startsWith(RESOLUTION)) continue;
			if (value === 'scenario' || value === 'base') {
				resolutions.push([name.slice(RESOLUTION.length), value]);
			}
		}
		return { selection, resolutions, dryRun: form.intent === 'check' };
	});

function parseKeys(raw: string | undefined): string[] | null {
	if (!raw) return null;
	try {
		const keys: unknown = JSON.parse(raw);
		if (!Array.isArray(keys) || keys.length === 0) return null;
		return keys.every((k) => typeof k === 'string' && k.length <= 64) ? keys : null;
	} catch {
		return null;
	}
}

/** Cells one request puts into a scenario: a person's waiting edits, not an import. */
export const MAX_PUT_CELLS = 2000;

/**
 * Cells to put into a scenario (an open one by id, or a new one), as JSON: each a key and a value
 * (a number, or null for an emptied cell). Keys are checked against the plan by the door.
 */
export const putCellsSchema = z.object({
	scenario: z.union(
		[z.object({ id: line().min(1).max(40) }), z.object({ create: scenarioSchema })],
		{ error: 'Choose a scenario, or name a new one' }
	),
	cells: z
		.array(
			z.object({
				key: z
					.string({ error: 'Each cell needs its key' })
					.max(64, 'A cell key is at most 64 characters'),
				value: z
					.number({ error: 'Each value must be a number (or null for an emptied cell)' })
					.nullable()
			}),
			{ error: 'Send the cells as a list' }
		)
		.min(1, 'Send at least one cell')
		.max(MAX_PUT_CELLS, `Put at most ${MAX_PUT_CELLS.toLocaleString('en')} cells at once`)
});
