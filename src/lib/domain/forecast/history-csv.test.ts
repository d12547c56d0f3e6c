import { describe, expect, it } from 'vitest';
import { formatForecast, futureMonths, HistoryError, parseHistory } from './history-csv.ts';

describe('parseHistory', () => {
	it('groups rows by series in month order, ignoring other columns and filling gaps with 0', () => {
		const text = 'value,series,month,note\n3,A,2025-12,x\n1,A,2025-10,\n9,B,2026-01,\n';
		expect(parseHistory(text)).toEqual([
			{ series: 'A', start: '2025-10', values: [1, 0, 3] },
			{ series: 'B', start: '2026-01', values: [9] }
		]);
	});
	it.each([
		['series,month\nA,2025-01\n', /Missing column\(s\): value/],
		['series,month,value\nA,2025-13,1\n', /Line 2: month "2025-13" is not YYYY-MM/],
		['series,month,value\nA,2025-01,ten\n', /Line 2: value "ten" is not a number/],
		['series,month,value\nA,2025-01,1\nA,2025-01,2\n', /Line 3: A 2025-01 appears twice/],
		['series,month,value\n', /No data rows/]
	])('refuses %j', (text, message) => {
		expect(() => parseHistory(text)).toThrow(HistoryError);
		expect(() => parseHistory(text)).toThrow(message);
	});
});

describe('futureMonths and formatForecast', () => {
	it('continues after the last month, across the year end', () => {
		expect(futureMonths({ series: 'A', start: '2025-10', values: [1, 2, 3] }, 2)).toEqual([
			'2026-01',
			'2026-02'
		]);
	});
	it('writes the output header and rows', () => {
		expect(formatForecast([{ series: 'A,1', month: '2026-01', value: 1 / 3, method: 'sba' }])).toBe(
			'series,month,value,method\n"A,1",2026-01,0.3333333333,sba\n'
		);
	});
});
