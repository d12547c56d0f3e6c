import { describe, expect, it } from 'vitest';
import {
	count,
	formatMoment,
	formatMoney,
	formatSignedPercent,
	formatValue,
	possessive
} from './format';

describe('formatValue', () => {
	it('drops the cents of money at 1,000 and above, and keeps them below', () => {
		expect(formatValue(123456.78, 'currency')).toBe('123,457');
		expect(formatValue(-1000, 'currency')).toBe('-1,000');
		expect(formatValue(999.5, 'currency')).toBe('999.50');
		expect(formatValue(12.5, 'units')).toBe('13');
		expect(formatValue(null, 'currency')).toBe('');
	});
});

describe('negative zero', () => {
	it('never shows a minus on a figure that rounds to zero', () => {
		expect(formatValue(-0, 'units')).toBe('0');
		expect(formatValue(-0.2, 'units')).toBe('0');
		expect(formatValue(-0.001, 'currency')).toBe('0.00');
		expect(formatValue(-0.00001, 'percent')).toBe('0%');
		expect(formatValue(-0.01, 'weeks')).toBe('0.0');
		expect(formatMoney(-0.001, 'EUR')).toBe('€0.00');
		expect(formatSignedPercent(-0.00001)).toBe('0%');
		expect(formatSignedPercent(-0)).toBe('0%');
		expect(formatSignedPercent(-0.012)).toBe('−1.2%');
		expect(formatSignedPercent(0.035)).toBe('+3.5%');
		expect(formatValue(-0.6, 'units')).toBe('-1');
	});

	it('says when cover outlasts the plan', () => {
		expect(formatValue(Infinity, 'weeks')).toBe('> horizon');
		expect(formatValue(Infinity, 'days')).toBe('> horizon');
		expect(formatValue(46.5, 'days')).toBe('47');
	});
});

describe('formatMoney', () => {
	it('names the currency, with cents only below 1,000', () => {
		expect(formatMoney(123456.78, 'EUR')).toBe('€123,457');
		expect(formatMoney(12.5, 'EUR')).toBe('€12.50');
		expect(formatMoney(-2500, 'USD')).toBe('-$2,500');
		expect(formatMoney(1500, 'CHF')).toBe('CHF\u00a01,500');
	});
});

describe('formatMoment', () => {
	it('reads the same everywhere: date, then a 24-hour time in the given zone', () => {
		expect(formatMoment('2027-03-03T11:15:00.000Z', 'UTC')).toBe('3 Mar 2027, 11:15');
		expect(formatMoment('2027-03-03T11:15:00.000Z', 'Europe/Berlin')).toBe('3 Mar 2027, 12:15');
		expect(formatMoment('not a date', 'UTC')).toBe('not a date');
	});
});

describe('count', () => {
	it('groups thousands and says one or many', () => {
		expect(count(1, 'cell')).toBe('1 cell');
		expect(count(1234, 'cell')).toBe('1,234 cells');
		expect(count(2, 'family', 'families')).toBe('2 families');
	});
});

describe('possessive', () => {
	it('adds ’s, or only ’ after a final s', () => {
		expect(possessive('Sam Sales')).toBe('Sam Sales’');
		expect(possessive('Operations')).toBe('Operations’');
		expect(possessive('Finance')).toBe('Finance’s');
		expect(possessive('Lee Leader')).toBe('Lee Leader’s');
	});
});

describe('numbers in the reader’s locale', () => {
	// Intl writes nb's grouping as a no-break space and its minus as U+2212.
	const nb = (s: string) => s.replace(/ /g, '\u00a0');

	it('groups and marks decimals as each locale does', () => {
		expect(formatValue(1234.5, 'weeks', 'nb-NO')).toBe(nb('1 234,5'));
		expect(formatValue(1234.5, 'weeks', 'en-US')).toBe('1,234.5');
		expect(formatValue(1234.5, 'weeks', 'de-DE')).toBe('1.234,5');
		expect(formatValue(1234567, 'units', 'nb-NO')).toBe(nb('1 234 567'));
		expect(formatValue(1234567, 'units', 'de-DE')).toBe('1.234.567');
		expect(formatValue(-1500, 'units', 'nb-NO')).toBe(nb('−1 500'));
		expect(formatValue(999.5, 'currency', 'de-DE')).toBe('999,50');
		expect(formatValue(0.125, 'percent', 'nb-NO')).toBe(nb('12,5 %'));
	});

	it('keeps English when no locale is given, for messages and logs', () => {
		expect(formatValue(1234.5, 'weeks')).toBe('1,234.5');
		expect(formatSignedPercent(0.035)).toBe('+3.5%');
	});

	it('writes money and signed changes in the locale', () => {
		expect(formatMoney(1234567, 'EUR', 'nb-NO')).toBe(nb('1 234 567 €'));
		expect(formatMoney(12.5, 'EUR', 'de-DE')).toBe(nb('12,50 €'));
		expect(formatMoney(1234567, 'EUR', 'en-US')).toBe('€1,234,567');
		expect(formatSignedPercent(-0.012, 'de-DE')).toBe(nb('−1,2 %'));
	});
});
