import { describe, expect, it } from 'vitest';
import { canEditStep, type PlanAccess } from './roles';

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
