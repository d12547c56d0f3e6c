import { describe, expect, it } from 'vitest';
import { canEditStep, defaultPlanRole, mayCreatePlans, type PlanAccess } from './roles';

const access = (role: PlanAccess['role'], fn: PlanAccess['fn'] = null): PlanAccess => ({
	role,
	fn
});

describe('canEditStep', () => {
	it('lets leaders edit every step, with or without a function', () => {
		for (const step of [1, 2, 3, 4] as const)
			expect(canEditStep(access('leader'), step)).toBe(true);
	});

	it('never lets viewers edit, whatever their function', () => {
		for (const step of [1, 2, 3, 4] as const) {
			expect(canEditStep(access('viewer', 'sales'), step)).toBe(false);
		}
	});

	it('lets editors edit exactly the steps their function owns', () => {
		const editable = (fn: PlanAccess['fn']) =>
			([1, 2, 3, 4] as const).filter((s) => canEditStep(access('editor', fn), s));
		expect(editable('sales')).toEqual([1]);
		expect(editable('operations')).toEqual([2, 3]);
		expect(editable('finance')).toEqual([3]);
		expect(editable(null)).toEqual([]);
	});
});

describe('mayCreatePlans', () => {
	const member = { isAdmin: false, fn: null, leadsAPlan: false };
	it('lets admins, members with a function and plan leaders create plans', () => {
		expect(mayCreatePlans({ ...member, isAdmin: true })).toBe(true);
		expect(mayCreatePlans({ ...member, fn: 'finance' })).toBe(true);
		expect(mayCreatePlans({ ...member, leadsAPlan: true })).toBe(true);
	});

	it('keeps viewers (no admin, no function, no plan led) from creating plans', () => {
		expect(mayCreatePlans(member)).toBe(false);
	});
});

describe('defaultPlanRole', () => {
	it('offers editors to people with a function and viewers to the others, never leader', () => {
		expect(defaultPlanRole('sales')).toBe('editor');
		expect(defaultPlanRole('operations')).toBe('editor');
		expect(defaultPlanRole('finance')).toBe('editor');
		expect(defaultPlanRole(null)).toBe('viewer');
	});
});
