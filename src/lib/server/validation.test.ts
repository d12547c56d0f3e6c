import { describe, expect, it } from 'vitest';
import { planSchema, signUpSchema } from './validation';

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
