import { describe, expect, it } from 'vitest';
import { itemListError, parseItemList } from '../domain/item-list';
import { bodySchema, newThreadSchema } from './comment-validation';
import { nextCycleSchema, reopenSchema } from './cycle-forms';
import { CONTROL_MESSAGE, planSchema, signUpSchema, workspaceSchema } from './validation';

describe('form schemas', () => {
	it('refuses weak passwords with a reason', () => {
		const short = signUpSchema.safeParse({ name: 'A', email: 'a@b.co', password: 'short' });
		expect(short.success || short.error.issues[0].message).toBe(
			'Use at least 10 characters for the password'
		);
		const simple = signUpSchema.safeParse({ name: 'A', email: 'a@b.co', password: 'abababababab' });
		expect(simple.success || simple.error.issues[0].message).toMatch(/too simple/);
	});

	it('bounds the plan horizon', () => {
		const base = { name: 'P', startMonth: '2027-01', hierarchy: '' };
		expect(planSchema.safeParse({ ...base, horizon: '18' }).success).toBe(true);
		expect(planSchema.safeParse({ ...base, horizon: '61' }).success).toBe(false);
		expect(planSchema.safeParse({ ...base, horizon: 'abc' }).success).toBe(false);
		expect(planSchema.safeParse({ ...base, startMonth: '2027-13', horizon: '3' }).success).toBe(
			false
		);
	});
});

describe('control characters', () => {
	const messageOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
		r.error?.issues[0].message;

	it('are refused in names and identifiers, which are one line', () => {
		expect(messageOf(workspaceSchema.safeParse({ name: 'Acme\u0000' }))).toBe(CONTROL_MESSAGE);
		expect(messageOf(workspaceSchema.safeParse({ name: 'Ac\tme' }))).toBe(CONTROL_MESSAGE);
		expect(messageOf(nextCycleSchema.safeParse({ name: 'May\u007f' }))).toBe(CONTROL_MESSAGE);
		const plan = { name: 'P\u0000', startMonth: '2027-01', horizon: '3', hierarchy: '' };
		expect(messageOf(planSchema.safeParse(plan))).toBe(CONTROL_MESSAGE);
		expect(messageOf(newThreadSchema.safeParse({ ownerId: 'i\u0000', body: 'Hi' }))).toBe(
			CONTROL_MESSAGE
		);
		// Edge whitespace is still trimmed away as before.
		expect(workspaceSchema.parse({ name: ' Acme\t' }).name).toBe('Acme');
	});

	it('are refused in text that may span lines, which keeps its tabs and line breaks', () => {
		expect(messageOf(bodySchema.safeParse({ body: 'a\u0000b' }))).toBe(CONTROL_MESSAGE);
		expect(messageOf(reopenSchema.safeParse({ step: '1', reason: 'a\u001bb' }))).toBe(
			CONTROL_MESSAGE
		);
		expect(bodySchema.parse({ body: 'line 1\r\n\tline 2' }).body).toBe('line 1\r\n\tline 2');
	});

	it('are named by line in the item list', () => {
		expect(itemListError(parseItemList('Bikes, B1, Road\nBikes, B2, Gra\u0000vel'))).toBe(
			'Line 2: remove the control characters (such as NUL or tab)'
		);
	});
});

describe('missing fields', () => {
	it('get the same message as empty ones, never a type error', () => {
		const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
			r.error?.issues.map((i) => i.message);
		expect(messages(signUpSchema.safeParse({}))).toEqual([
			'Enter your name',
			'Enter your email address',
			'Choose a password'
		]);
		expect(messages(planSchema.safeParse({ horizon: '3' }))).toEqual([
			'Give the plan a name',
			'Choose the first month of the plan',
			'Add the families and items of the plan'
		]);
	});
});
