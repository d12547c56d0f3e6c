import { describe, expect, it } from 'vitest';
import type { PlanAccess } from '../roles';
import { mayCreateScenario, scenarioGridAccess, scenarioRights } from './access';

const sales: PlanAccess = { role: 'editor', fn: 'sales' };
const ops: PlanAccess = { role: 'editor', fn: 'operations' };
const leader: PlanAccess = { role: 'leader', fn: null };
const viewer: PlanAccess = { role: 'viewer', fn: null };

const rights = (
	plan: PlanAccess | null,
	over: Partial<Parameters<typeof scenarioRights>[0]> = {}
) =>
	scenarioRights({
		plan,
		userId: 'me',
		createdBy: 'someone',
		visibility: 'plan',
		namedEditor: false,
		...over
	});

describe('scenarioRights', () => {
	it("follows the plan's roles for a scenario everyone on the plan sees", () => {
		expect(rights(sales)).toEqual({ view: true, steps: [1], manage: false });
		expect(rights(ops)).toEqual({ view: true, steps: [2, 3], manage: false });
		expect(rights(viewer)).toEqual({ view: true, steps: [], manage: false });
	});

	it('gives its creator and the leaders every measure and its management', () => {
		expect(rights(sales, { createdBy: 'me' })).toEqual({
			view: true,
			steps: [1, 2, 3],
			manage: true
		});
		expect(rights(leader, { visibility: 'private' })).toEqual({
			view: true,
			steps: [1, 2, 3],
			manage: true
		});
	});

	it('shows a private scenario only to the people named, who may edit every measure', () => {
		expect(rights(ops, { visibility: 'private' }).view).toBe(false);
		expect(rights(viewer, { visibility: 'private', namedEditor: true })).toEqual({
			view: true,
			steps: [1, 2, 3],
			manage: false
		});
	});

	it('gives nothing to someone outside the plan, named or not', () => {
		expect(rights(null, { namedEditor: true, createdBy: 'me' }).view).toBe(false);
	});
});

describe('who starts scenarios and what the grid offers', () => {
	it('lets editors and leaders start one, not viewers', () => {
		expect([sales, leader, viewer, null].map(mayCreateScenario)).toEqual([
			true,
			true,
			false,
			false
		]);
	});

	it('mirrors the rights as a plan access for the grid', () => {
		expect(scenarioGridAccess(viewer, rights(viewer, { namedEditor: true })).role).toBe('leader');
		expect(scenarioGridAccess(ops, rights(ops))).toEqual(ops);
		expect(scenarioGridAccess(sales, rights(viewer)).role).toBe('viewer');
	});
});
