import { describe, expect, it } from 'vitest';
import { parseMonth } from './months';

describe('parseMonth', () => {
	it('reads year-first forms, XLSX dates and timestamps', () => {
		for (const text of [
			'2026-09',
			'2026-9',
			'2026/09',
			'2026-09-01',
			'2026-09-30',
			'2026-09-01T00:00:00',
			'2026-09-01T00:00:00.000Z',
			' 2026-09 '
		]) {
			expect(parseMonth(text), text).toBe('2026-09');
		}
	});

	it('reads month-first forms with a four-digit year', () => {
		for (const text of ['09/2026', '9/2026', '09.2026', '9-2026']) {
			expect(parseMonth(text), text).toBe('2026-09');
		}
	});

	it('reads English month names and abbreviations, two-digit years being 20YY', () => {
		for (const text of ['Sep 2026', 'September 2026', 'sep. 26', 'Sep-26', 'sep 26', 'SEPT 2026']) {
			expect(parseMonth(text), text).toBe('2026-09');
		}
		expect(parseMonth("Jan '27")).toBe('2027-01');
		expect(parseMonth('Dec-99')).toBe('2099-12');
	});

	it('reads German, French, Spanish and Dutch month names', () => {
		const cases: [string, string][] = [
			['Mär 26', '2026-03'],
			['Mrz. 2026', '2026-03'],
			['März 2026', '2026-03'],
			['Mai 26', '2026-05'],
			['Okt 26', '2026-10'],
			['Dez. 26', '2026-12'],
			['janv. 2026', '2026-01'],
			['févr. 2026', '2026-02'],
			['mars 2026', '2026-03'],
			['avr. 26', '2026-04'],
			['juin 26', '2026-06'],
			['juil. 26', '2026-07'],
			['août 2026', '2026-08'],
			['sept. 26', '2026-09'],
			['déc. 26', '2026-12'],
			['ene-26', '2026-01'],
			['abr-26', '2026-04'],
			['ago-26', '2026-08'],
			['dic-26', '2026-12'],
			['mei 2026', '2026-05'],
			['mrt 26', '2026-03'],
			['okt 2026', '2026-10']
		];
		for (const [text, month] of cases) expect(parseMonth(text), text).toBe(month);
	});

	it('reads Excel date serials in a plausible range, whole or with a time of day', () => {
		expect(parseMonth(46266)).toBe('2026-09');
		expect(parseMonth(46295.75)).toBe('2026-09');
		expect(parseMonth(46296)).toBe('2026-10');
		expect(parseMonth(2026)).toBeNull();
		expect(parseMonth(12)).toBeNull();
		expect(parseMonth(200_000)).toBeNull();
		expect(parseMonth(-46266)).toBeNull();
	});

	it('refuses a full date with the year last, whose day and month order is unknown', () => {
		expect(parseMonth('01/09/2026')).toBeNull();
		expect(parseMonth('1.9.2026')).toBeNull();
		expect(parseMonth('09-01-26')).toBeNull();
	});

	it('refuses what is not a month', () => {
		for (const text of [
			'',
			'Total',
			'2026-13',
			'2026-00',
			'13/2026',
			'Q3 2026',
			'Sales 26',
			'2026'
		]) {
			expect(parseMonth(text), text).toBeNull();
		}
		expect(parseMonth('2026-09-32')).toBeNull();
		expect(parseMonth('constructor 26')).toBeNull();
		expect(parseMonth(null)).toBeNull();
	});
});
