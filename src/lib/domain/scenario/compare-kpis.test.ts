import { describe, expect, it } from 'vitest';
import { DELTA_KPIS } from './compare';
import { COMPARE_KPIS, deltaTone, formatKpi, formatKpiDelta } from './compare-kpis';

describe('COMPARE_KPIS', () => {
	it('names every KPI a comparison gives a change of, once', () => {
		expect(COMPARE_KPIS.map((k) => k.id).sort()).toEqual([...DELTA_KPIS].sort());
	});
});

describe('formatKpi', () => {
	it('reads like the KPI strip', () => {
		expect(formatKpi(12345.4, 'units', 'EUR')).toBe('12,345');
		expect(formatKpi(250000, 'money', 'EUR')).toBe('€250,000');
		expect(formatKpi(0.956, 'percent', 'EUR')).toBe('95.6%');
		expect(formatKpi(4.25, 'turns', 'EUR')).toBe('4.3');
		expect(formatKpi(3, 'months', 'EUR')).toBe('3');
		expect(formatKpi(null, 'percent', 'EUR')).toBe('—');
	});
});

describe('formatKpiDelta', () => {
	it('signs a change, with a true minus', () => {
		expect(formatKpiDelta(1200, 'units', 'EUR')).toBe('+1,200');
		expect(formatKpiDelta(-3400, 'money', 'USD')).toBe('−$3,400');
		expect(formatKpiDelta(2, 'months', 'EUR')).toBe('+2');
	});

	it('gives a ratio’s change in points', () => {
		expect(formatKpiDelta(0.025, 'percent', 'EUR')).toBe('+2.5 pts');
		expect(formatKpiDelta(-0.1, 'percent', 'EUR')).toBe('−10.0 pts');
		expect(formatKpiDelta(0.00001, 'percent', 'EUR')).toBe('0 pts');
	});

	it('shows no sign on a change that rounds to nothing, and a dash where there is none', () => {
		expect(formatKpiDelta(-0.2, 'units', 'EUR')).toBe('0');
		expect(formatKpiDelta(null, 'money', 'EUR')).toBe('—');
	});
});

describe('deltaTone', () => {
	it('says whether a change is for the better by the KPI’s direction', () => {
		expect(deltaTone(-2, 'months', 'down')).toBe('better');
		expect(deltaTone(2, 'months', 'down')).toBe('worse');
		expect(deltaTone(0.01, 'percent', 'up')).toBe('better');
		expect(deltaTone(-500, 'money', 'up')).toBe('worse');
	});

	it('gives no verdict where neither way is better, and none for no change', () => {
		expect(deltaTone(100, 'units', null)).toBe('changed');
		expect(deltaTone(0.2, 'units', 'up')).toBe('same');
		expect(deltaTone(null, 'percent', 'up')).toBe('same');
	});
});
