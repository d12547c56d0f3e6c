import { describe, expect, it } from 'vitest';
import { formatDelta } from './delta-labels';

describe('formatDelta', () => {
	it('signs each change in the unit its KPI reads in', () => {
		expect(formatDelta('demand', 120, 'EUR')).toBe('+120');
		expect(formatDelta('supplyGap', -40, 'EUR')).toBe('−40');
		expect(formatDelta('revenue', -1500, 'EUR')).toBe('−€1,500');
		expect(formatDelta('fillRate', 0.025, 'EUR')).toBe('+2.5%');
	});

	it('shows no sign on a change that rounds to nothing, and a dash where there is no figure', () => {
		expect(formatDelta('demand', 0, 'EUR')).toBe('0');
		expect(formatDelta('revenue', -0.001, 'EUR')).toBe('€0.00');
		expect(formatDelta('marginPct', null, 'EUR')).toBe('—');
	});
});
