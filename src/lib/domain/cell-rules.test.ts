import { describe, expect, it } from 'vitest';
import { checkCellWrite, editRule, readOnlyReason, type PlanCells } from './cell-rules';
import type { RowScope } from './grid-rows';
import { measure } from './measures';
import type { PlanAccess } from './roles';

const item: RowScope = { kind: 'item', item: { id: 'i', family_id: 'f', sku: 'S', name: 'N' } };
const family: RowScope = { kind: 'family', family: { id: 'f', name: 'F' }, itemCount: 1 };
const total: RowScope = { kind: 'total' };
const sales: PlanAccess = { role: 'editor', fn: 'sales' };
const ops: PlanAccess = { role: 'editor', fn: 'operations' };
const leader: PlanAccess = { role: 'leader', fn: null };
const m = (id: string) => measure(id)!;

describe('editRule', () => {
	it('lets the owning function edit item cells', () => {
		expect(editRule(item, m('forecast'), 3, sales)).toEqual({ editable: true, mode: 'cell' });
		expect(editRule(item, m('production'), 3, sales)).toMatchObject({
			editable: false,
			reason: expect.stringContaining('step 2 (Supply review)')
		});
	});

	it('never edits derived, imported or plan-total cells', () => {
		expect(editRule(item, m('inventory'), 0, leader)).toMatchObject({ editable: false });
		expect(editRule(item, m('baseline'), 0, leader)).toMatchObject({ editable: false });
		expect(editRule(total, m('forecast'), 0, leader)).toMatchObject({ editable: false });
	});

	it('keeps opening inventory to the first month', () => {
		expect(editRule(item, m('opening'), 0, ops)).toEqual({ editable: true, mode: 'cell' });
		expect(editRule(item, m('opening'), 1, ops)).toMatchObject({ editable: false });
	});

	it('spreads family totals of additive measures, and edits family capacity in place', () => {
		expect(editRule(family, m('forecast'), 0, sales)).toEqual({ editable: true, mode: 'spread' });
		expect(editRule(family, m('capacity'), 0, ops)).toEqual({ editable: true, mode: 'cell' });
		expect(editRule(family, m('price'), 0, leader)).toMatchObject({ editable: false });
	});

	it('refuses every cell of a locked step, even to leaders, and leaves other steps open', () => {
		const locked = new Set([1] as const);
		for (const who of [sales, leader]) {
			expect(editRule(item, m('forecast'), 3, { ...who, locked })).toMatchObject({
				editable: false,
				reason: expect.stringContaining('signed off and locked. A leader can reopen it.')
			});
		}
		expect(editRule(family, m('forecast'), 3, { ...leader, locked })).toMatchObject({
			editable: false
		});
		expect(editRule(item, m('production'), 3, { ...ops, locked })).toEqual({
			editable: true,
			mode: 'cell'
		});
	});

	it('tells viewers why', () => {
		expect(editRule(item, m('forecast'), 0, { role: 'viewer', fn: 'sales' })).toEqual({
			editable: false,
			reason: 'You are a viewer on this plan.'
		});
	});
});

describe('readOnlyReason', () => {
	it('is the role for viewers and editors without a function, else null while a step is open', () => {
		expect(readOnlyReason({ role: 'viewer', fn: 'sales' })).toBe('role');
		expect(readOnlyReason({ role: 'editor', fn: null })).toBe('role');
		expect(readOnlyReason(sales)).toBeNull();
		expect(readOnlyReason({ ...leader, locked: new Set([1, 2] as const) })).toBeNull();
	});

	it('is the lock once every step the member edits is locked', () => {
		expect(readOnlyReason({ ...sales, locked: new Set([1] as const) })).toBe('locked');
		expect(readOnlyReason({ ...leader, locked: new Set([1, 2, 3] as const) })).toBe('locked');
		expect(readOnlyReason({ ...ops, locked: new Set([1, 3] as const) })).toBeNull();
	});
});

describe('checkCellWrite', () => {
	const plan: PlanCells = {
		items: new Set(['i']),
		families: new Set(['f']),
		periods: ['2027-01', '2027-02']
	};

	it('accepts a typed value of a measure of the step, or a clear', () => {
		expect(checkCellWrite(plan, 1, 'i:2027-01:forecast', 12)).toBeNull();
		expect(checkCellWrite(plan, 1, 'i:2027-02:marketing', -3)).toBeNull();
		expect(checkCellWrite(plan, 2, 'f:2027-02:capacity', null)).toBeNull();
		expect(checkCellWrite(plan, 2, 'i:2027-01:opening', 40)).toBeNull();
	});

	it('refuses what the grid would never write', () => {
		expect(checkCellWrite(plan, 1, 'i:2027-01:baseline', 5)).toBe(
			'Statistical baseline is read-only'
		);
		expect(checkCellWrite(plan, 1, 'i:2027-01:production', 5)).toBe(
			'Production plan belongs to step 2, not step 1'
		);
		expect(checkCellWrite(plan, 1, 'i:2027-01:inventory', 5)).toBe(
			'"i:2027-01:inventory" is not a cell of this plan'
		);
		expect(checkCellWrite(plan, 1, 'nonsense', 5)).toBe('"nonsense" is not a cell of this plan');
		expect(checkCellWrite(plan, 1, 'i:2027-01:forecast', 'lots')).toBe(
			'Sales forecast takes a number'
		);
		expect(checkCellWrite(plan, 1, 'i:2027-01:forecast', -1)).toBe(
			'Sales forecast cannot be negative'
		);
		expect(checkCellWrite(plan, 1, 'i:2027-01:forecast', Infinity)).toBe(
			'Sales forecast takes a number'
		);
	});

	it.each([
		['an unknown item', 1, 'x:2027-01:forecast', 'this plan has no item "x"'],
		['a family on an item measure', 1, 'f:2027-01:forecast', 'this plan has no item "f"'],
		['an item on a family measure', 2, 'i:2027-01:capacity', 'this plan has no family "i"'],
		['a month outside the plan', 1, 'i:2026-12:forecast', '"2026-12" is not a month of this plan'],
		['a month that is no month', 1, 'i:soon:forecast', '"soon" is not a month of this plan'],
		[
			'opening inventory after the first month',
			2,
			'i:2027-02:opening',
			'Opening inventory is set in the first month only'
		]
	] as const)('refuses a key with %s', (_what, step, key, problem) => {
		expect(checkCellWrite(plan, step, key, 1)).toContain(problem);
	});
});
