import { describe, expect, it } from 'vitest';
import {
	checkReopen,
	checkRequired,
	checkSignOff,
	checkUnsign,
	completesStep,
	describeEvent,
	freshSteps,
	isApproved,
	lockedSteps,
	missingSigners,
	parseRequired,
	signersFor,
	stepStatus,
	stepsToReopen,
	type Signer,
	type StepState
} from './cycle';
import type { PlanAccess, StepNumber } from './roles';

const access = (role: PlanAccess['role'], fn: PlanAccess['fn'] = null): PlanAccess => ({
	role,
	fn
});
const sales = access('editor', 'sales');
const ops = access('editor', 'operations');
const leader = access('leader');

function signed(steps: StepState[], step: StepNumber, ...signers: Signer[]): StepState[] {
	for (const signer of signers) {
		steps[step - 1].signOffs.push({
			signer,
			userId: `u-${signer}`,
			userName: `${signer} person`,
			remark: '',
			signedAt: '2026-11-25T10:00:00.000Z'
		});
	}
	return steps;
}

function locked(steps: StepState[], ...which: StepNumber[]): StepState[] {
	for (const step of which) {
		steps[step - 1].lockedAt = '2026-11-25T10:00:00.000Z';
		steps[step - 1].lockedBy = 'someone';
	}
	return steps;
}

describe('required sign-offs', () => {
	it('defaults to the functions the issue names for each step', () => {
		expect(freshSteps().map((s) => s.required)).toEqual([
			['sales', 'operations', 'finance'],
			['operations', 'sales'],
			['finance', 'operations'],
			['leader']
		]);
	});

	it('reads a stored list and falls back to the defaults for an empty or unknown one', () => {
		expect(parseRequired(2, 'operations')).toEqual(['operations']);
		expect(parseRequired(2, 'operations,nobody,finance')).toEqual(['operations', 'finance']);
		expect(parseRequired(3, null)).toEqual(['finance', 'operations']);
		expect(parseRequired(3, 'nobody')).toEqual(['finance', 'operations']);
	});

	it('lets only leaders change them, on an open step, never to nobody', () => {
		const steps = freshSteps();
		expect(checkRequired(steps, 1, ['sales'], leader)).toBeNull();
		expect(checkRequired(steps, 1, ['sales'], sales)).toMatch(/Only plan leaders/);
		expect(checkRequired(steps, 1, [], leader)).toMatch(/at least one/);
		expect(checkRequired(locked(steps, 1), 1, ['sales'], leader)).toMatch(/locked/);
		expect(checkRequired(freshSteps(), 4, ['finance'], leader)).toMatch(/leaders/);
	});
});

describe('who signs for what', () => {
	it('gives editors their function, leaders the leaders’ seat as well, viewers nothing', () => {
		expect(signersFor(sales)).toEqual(['sales']);
		expect(signersFor(access('leader', 'finance'))).toEqual(['finance', 'leader']);
		expect(signersFor(leader)).toEqual(['leader']);
		expect(signersFor(access('viewer', 'sales'))).toEqual([]);
		expect(signersFor(access('editor'))).toEqual([]);
	});

	it('refuses viewers, other functions, unneeded and repeated sign-offs', () => {
		const steps = freshSteps();
		expect(checkSignOff(steps, 1, 'sales', sales)).toBeNull();
		expect(checkSignOff(steps, 1, 'sales', access('viewer', 'sales'))).toMatch(/Viewers/);
		expect(checkSignOff(steps, 1, 'finance', sales)).toMatch(/not your function/);
		expect(checkSignOff(steps, 1, 'leader', sales)).toMatch(/Only plan leaders/);
		expect(checkSignOff(steps, 3, 'sales', sales)).toMatch(/does not need a sign-off from Sales/);
		signed(steps, 1, 'sales');
		expect(checkSignOff(steps, 1, 'sales', sales)).toMatch(/already signed off .*sales person/);
		expect(checkSignOff(locked(steps, 2), 2, 'operations', ops)).toMatch(/already locked/);
	});

	it('lets a leader approve only when steps 1 to 3 are locked', () => {
		expect(checkSignOff(locked(freshSteps(), 1, 3), 4, 'leader', leader)).toMatch(
			/still open: step 2/
		);
		expect(checkSignOff(locked(freshSteps(), 1, 2, 3), 4, 'leader', leader)).toBeNull();
	});

	it('lets a member take back their own function’s sign-off while the step is open', () => {
		const steps = signed(freshSteps(), 1, 'sales');
		expect(checkUnsign(steps, 1, 'sales', sales)).toBeNull();
		expect(checkUnsign(steps, 1, 'sales', ops)).toBe('You cannot withdraw Sales’ sign-off.');
		expect(checkUnsign(steps, 1, 'operations', sales)).toBe(
			'You cannot withdraw Operations’ sign-off.'
		);
		expect(checkUnsign(steps, 1, 'operations', ops)).toMatch(/has not signed/);
		expect(checkUnsign(locked(steps, 1), 1, 'sales', sales)).toMatch(/locked/);
	});
});

describe('the lock state machine', () => {
	it('goes open → awaiting → locked as sign-offs come in', () => {
		const steps = freshSteps();
		const step1 = steps[0];
		expect(stepStatus(step1)).toBe('open');
		expect(missingSigners(step1)).toEqual(['sales', 'operations', 'finance']);
		expect(completesStep(step1, 'sales')).toBe(false);
		signed(steps, 1, 'sales', 'operations');
		expect(stepStatus(step1)).toBe('awaiting');
		expect(missingSigners(step1)).toEqual(['finance']);
		expect(completesStep(step1, 'finance')).toBe(true);
		expect(completesStep(step1, 'sales')).toBe(false);
		locked(steps, 1);
		expect(stepStatus(step1)).toBe('locked');
	});

	it('counts the plan approved once executive review locks', () => {
		expect(isApproved(locked(freshSteps(), 1, 2, 3))).toBe(false);
		expect(isApproved(locked(freshSteps(), 1, 2, 3, 4))).toBe(true);
	});

	it('reopens only locked steps, by a leader, with a reason', () => {
		const steps = locked(freshSteps(), 1);
		expect(checkReopen(steps, 1, leader, 'Late order from Acme')).toBeNull();
		expect(checkReopen(steps, 1, sales, 'Late order from Acme')).toMatch(/Only plan leaders/);
		expect(checkReopen(steps, 1, leader, '  ')).toMatch(/Say why/);
		expect(checkReopen(steps, 2, leader, 'Late order from Acme')).toMatch(/not locked/);
		expect(checkReopen(steps, 1, leader, 'x'.repeat(501))).toMatch(/under 500/);
	});

	it('withdraws the approval when a step under an approved plan reopens', () => {
		expect(stepsToReopen(locked(freshSteps(), 1, 2, 3), 2)).toEqual([2]);
		expect(stepsToReopen(locked(freshSteps(), 1, 2, 3, 4), 2)).toEqual([2, 4]);
		expect(stepsToReopen(locked(freshSteps(), 1, 2, 3, 4), 4)).toEqual([4]);
	});
});

describe('the audit log', () => {
	it('reads each event as a sentence after the person’s name', () => {
		const line = (
			kind: Parameters<typeof describeEvent>[0]['kind'],
			step: StepNumber | null,
			detail = ''
		) => describeEvent({ kind, step, detail });
		expect(line('signed', 1, 'for Sales: agreed')).toBe('signed off step 1 for Sales: agreed');
		expect(line('withdrawn', 2, 'Operations: the numbers changed')).toBe(
			'edited step 2, which withdrew its sign-offs (Operations: the numbers changed)'
		);
		expect(line('locked', 3)).toBe('gave the last sign-off: step 3 locked');
		expect(line('reopened', 1, 'Late order')).toBe('reopened step 1: Late order');
		expect(line('approved', 4, 'version 2')).toBe('approved the plan: version 2');
		expect(line('forecast', 1, '2,000 items')).toBe(
			'refreshed the statistical baseline (2,000 items)'
		);
	});

	it('lists the locked steps', () => {
		const steps = freshSteps();
		steps[1].lockedAt = '2026-11-25T10:00:00.000Z';
		expect([...lockedSteps(steps)]).toEqual([2]);
	});
});
