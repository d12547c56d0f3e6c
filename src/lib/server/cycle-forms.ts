import { z } from 'zod';
import { MAX_REASON, MAX_REMARK, SIGNERS } from '../domain/cycle.ts';
import type { StepNumber } from '../domain/roles.ts';
import { line, multiline, text } from './validation.ts';

/** Form schemas of the cycle's actions; messages are for the person who pressed the button. */

const step = z.coerce
	.number({ message: 'Choose a step of the cycle' })
	.int('Choose a step of the cycle')
	.min(1, 'Choose a step of the cycle')
	.max(4, 'Choose a step of the cycle')
	.transform((n) => n as StepNumber);

const signer = z.enum(SIGNERS, { message: 'Choose whom you sign off for' });

export const signOffSchema = z.object({
	step,
	signer,
	remark: multiline()
		.max(MAX_REMARK, `Keep the remark under ${MAX_REMARK} characters`)
		.optional()
		.default(''),
	/** On approval: the scenario the executive review chose; empty for none. */
	scenario: line().optional().default('')
});

export const unsignSchema = z.object({ step, signer });

export const reopenSchema = z.object({
	step,
	reason: multiline('Say why the step reopens').max(
		MAX_REASON,
		`Keep the reason under ${MAX_REASON} characters`
	)
});

/** The checked boxes of "Who signs off" (none checked: the field is missing altogether). */
export const requiredSchema = z
	.object({ step, 'signers[]': z.array(z.string()).optional().default([]) })
	.transform(({ step, 'signers[]': signers }) => ({ step, signers }));

export const nextCycleSchema = z.object({
	name: text('Give the next cycle a name').max(120, 'Keep the name under 120 characters')
});
