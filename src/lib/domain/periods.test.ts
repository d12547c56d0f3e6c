import { describe, expect, it } from 'vitest';
import { isMonth, monthOf, periodLabel, periods } from './periods';

describe('periods', () => {
	it('runs month by month across year ends', () => {
		expect(periods('2026-11', 4)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
		expect(periods('2027-01', 36).at(-1)).toBe('2029-12');
	});

	it('refuses a start that is not a month', () => {
		expect(() => periods('2027-13', 3)).toThrow(/Not a month/);
		expect(isMonth('2027-1')).toBe(false);
		expect(isMonth('2027-01')).toBe(true);
	});

	it('labels months for column headers', () => {
		expect(periodLabel('2027-01')).toBe('Jan 27');
	});

	it('names the month of a date, moved across year ends', () => {
		const d = new Date(Date.UTC(2027, 0, 31, 23));
		expect(monthOf(d)).toBe('2027-01');
		expect(monthOf(d, -3)).toBe('2026-10');
		expect(monthOf(d, 12)).toBe('2028-01');
	});
});
