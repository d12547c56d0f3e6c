import { z } from 'zod';
import { FUNCTIONS, PLAN_ROLES } from '../domain/roles.ts';
import { isMonth } from '../domain/periods.ts';
import { isOneLine, isPlainText } from '../domain/text.ts';
import { checkLocale } from '../domain/number-locale.ts';

/** Form schemas: each message is written for the person filling the form. */

export const CONTROL_MESSAGE = 'Remove the control characters (such as NUL or tab) from the text';

/** A one-line string: an identifier or a name. */
export const line = (missing?: string) =>
	z.string({ error: missing }).refine(isOneLine, CONTROL_MESSAGE);
/** A string that may span lines: a comment, a remark, a reason. */
export const multiline = (missing?: string) =>
	z.string({ error: missing }).refine(isPlainText, CONTROL_MESSAGE);

/** A one-line text field, trimmed; a missing one gets the same message as an empty one. */
export const text = (missing: string) =>
	z.string({ error: missing }).trim().min(1, missing).refine(isOneLine, CONTROL_MESSAGE);

const email = text('Enter your email address').email('Enter a valid email address');

export const signUpSchema = z.object({
	name: text('Enter your name').max(80, 'Keep the name under 80 characters'),
	email,
	password: z
		.string({ error: 'Choose a password' })
		.min(10, 'Use at least 10 characters for the password')
		.max(200, 'Keep the password under 200 characters')
		.refine((p) => new Set(p).size >= 5, 'That password is too simple: mix more characters')
});

export const signInSchema = z.object({
	email,
	password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password')
});

export const workspaceSchema = z.object({
	name: text('Give the workspace a name').max(80, 'Keep the name under 80 characters')
});

const functionField = z
	.enum([...FUNCTIONS, ''], { message: 'Choose sales, operations or finance' })
	.transform((f) => (f === '' ? null : f));

export const inviteSchema = z.object({ email, function: functionField });

const userId = line().min(1);

export const memberFunctionSchema = z.object({
	userId,
	function: functionField
});

export const removeMemberSchema = z.object({ userId });

export const apiTokenSchema = z.object({
	name: text('Name the token, e.g. after the job that uses it').max(
		80,
		'Keep the name under 80 characters'
	)
});

export const revokeApiTokenSchema = z.object({ tokenId: line().min(1) });

export const planRoleSchema = z.object({
	userId,
	role: z
		.enum([...PLAN_ROLES, 'none'], { message: 'Choose viewer, editor, leader or no access' })
		.transform((r) => (r === 'none' ? null : r))
});

export const planSchema = z.object({
	name: text('Give the plan a name').max(120, 'Keep the name under 120 characters'),
	startMonth: z
		.string({ error: 'Choose the first month of the plan' })
		.refine(isMonth, 'Choose the first month of the plan'),
	horizon: z.coerce
		.number({ message: 'The horizon is a number of months' })
		.int('The horizon is a whole number of months')
		.min(1, 'The horizon is at least 1 month')
		.max(60, 'The horizon is at most 60 months'),
	// parseItemList names the line of any control character.
	hierarchy: z
		.string({ error: 'Add the families and items of the plan' })
		.max(500_000, 'The item list is too long')
});

/** The first problem of a failed parse, for a form's error line. */
export function firstError(error: z.ZodError): string {
	return error.issues[0]?.message ?? 'Check the form';
}

/** FormData as a plain object of its string fields. */
export function formFields(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of data) if (typeof value === 'string') out[key] = value;
	return out;
}

/** The number-locale setting: a valid tag in its canonical spelling, or '' to follow the browser. */
export const numberLocaleSchema = z.object({
	locale: z.string({ error: 'Choose how numbers are written' }).transform((tag, ctx) => {
		if (tag.trim() === '') return null;
		const check = checkLocale(tag);
		if (check.ok) return check.locale;
		ctx.addIssue({ code: 'custom', message: check.error });
		return z.NEVER;
	})
});
