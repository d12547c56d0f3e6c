import { describe, expect, it } from 'vitest';
import { deltaTone, formatKpi, formatKpiDelta, HEADLINE_KPIS, KPI_INFO } from './kpi-deltas';
import { DELTA_KPIS } from './scenario/compare';

describe('KPI_INFO', () => {
	it('names every KPI a comparison gives a change of, once, in the KPI strip’s words', () => {
		expect(Object.keys(KPI_INFO).sort()).toEqual([...DELTA_KPIS].sort());
		expect(KPI_INFO.demand.label).toBe('Consensus demand');
		expect(KPI_INFO.supplyGap.label).toBe('Supply − demand');
	});

	it('headlines only KPIs it names', () => {
		for (const id of HEADLINE_KPIS) expect(DELTA_KPIS).toContain(id);
	});
});

describe('formatKpi', () => {
	it('reads like the KPI strip', () => {
		expect(formatKpi('demand', 12345.4, 'EUR')).toBe('12,345');
		expect(formatKpi('revenue', 250000, 'EUR')).toBe('€250,000');
		expect(formatKpi('inventoryValue', 1234567, 'EUR')).toBe('€1,234,567');
		expect(formatKpi('fillRate', 0.956, 'EUR')).toBe('95.6%');
		expect(formatKpi('turns', 4.25, 'EUR')).toBe('4.3');
		expect(formatKpi('stockoutMonths', 3, 'EUR')).toBe('3');
		expect(formatKpi('fillRate', null, 'EUR')).toBe('—');
	});
});

describe('formatKpiDelta', () => {
	it('signs a change in the unit its KPI reads in, with a true minus', () => {
		expect(formatKpiDelta('demand', 1200, 'EUR')).toBe('+1,200');
		expect(formatKpiDelta('supplyGap', -40, 'EUR')).toBe('−40');
		expect(formatKpiDelta('revenue', -1500, 'EUR')).toBe('−€1,500');
		expect(formatKpiDelta('excessValue', -3400, 'USD')).toBe('−$3,400');
		expect(formatKpiDelta('stockoutMonths', 2, 'EUR')).toBe('+2');
		expect(formatKpiDelta('turns', 0.25, 'EUR')).toBe('+0.3');
	});

	it('gives a ratio’s change in points', () => {
		expect(formatKpiDelta('fillRate', 0.025, 'EUR')).toBe('+2.5 pts');
		expect(formatKpiDelta('fillRate', -0.025, 'EUR')).toBe('−2.5 pts');
		expect(formatKpiDelta('marginPct', -0.1, 'EUR')).toBe('−10.0 pts');
		expect(formatKpiDelta('revenueVsBudget', 0.00001, 'EUR')).toBe('0 pts');
	});

	it('shows no sign on a change that rounds to nothing, and a dash where there is none', () => {
		expect(formatKpiDelta('demand', 0, 'EUR')).toBe('0');
		expect(formatKpiDelta('demand', -0.2, 'EUR')).toBe('0');
		expect(formatKpiDelta('revenue', -0.001, 'EUR')).toBe('€0.00');
		expect(formatKpiDelta('excessValue', 0, 'EUR')).toBe('€0.00');
		expect(formatKpiDelta('turns', 0.04, 'EUR')).toBe('0.0');
		expect(formatKpiDelta('marginPct', null, 'EUR')).toBe('—');
		expect(formatKpiDelta('revenueAtRisk', null, 'EUR')).toBe('—');
	});
});

describe('deltaTone', () => {
	it('says whether a change is for the better by the KPI’s direction', () => {
		expect(deltaTone('stockoutMonths', -2)).toBe('better');
		expect(deltaTone('stockoutMonths', 2)).toBe('worse');
		expect(deltaTone('fillRate', 0.01)).toBe('better');
		expect(deltaTone('revenue', -500)).toBe('worse');
	});

	it('gives no verdict where neither way is better, and none for no change at the places shown', () => {
		expect(deltaTone('demand', 100)).toBe('changed');
		expect(deltaTone('supplyGap', 0.2)).toBe('same');
		expect(deltaTone('turns', 0.04)).toBe('same');
		expect(deltaTone('fillRate', null)).toBe('same');
	});
});

describe('KPIs in the reader’s locale', () => {
	it('writes values and changes as the locale does', () => {
		const nb = (s: string) => s.replace(/ /g, '\u00a0');
		expect(formatKpiDelta('demand', 1200, 'EUR', 'nb-NO')).toBe(nb('+1 200'));
		expect(formatKpiDelta('revenue', -1500, 'EUR', 'de-DE')).toBe(nb('−1.500 €'));
		expect(formatKpiDelta('fillRate', 0.025, 'EUR', 'nb-NO')).toBe('+2,5 pts');
		expect(formatKpi('demand', 27729, 'EUR', 'en-US')).toBe('27,729');
	});
});
