/**
 * Sales history from CSV text (`series,month,value`, other columns ignored, rows in any order)
 * and forecasts back to CSV. Pure: the caller reads and writes the files.
 */
import Papa from 'papaparse';
import { isMonth, monthIndex, monthOfIndex, periods } from '../periods.ts';

export interface History {
	series: string;
	/** First month of `values` ('YYYY-MM'). */
	start: string;
	/** One value per month from `start`; months missing from the file count as 0. */
	values: number[];
}

export class HistoryError extends Error {}

export function parseHistory(text: string): History[] {
	const parsed = Papa.parse<Record<string, string>>(text.trim(), {
		header: true,
		skipEmptyLines: true,
		transformHeader: (h) => h.trim().toLowerCase()
	});
	const fields = parsed.meta.fields ?? [];
	const missing = ['series', 'month', 'value'].filter((c) => !fields.includes(c));
	if (missing.length > 0)
		throw new HistoryError(
			`Missing column(s): ${missing.join(', ')} (header: ${fields.join(',')})`
		);
	if (parsed.data.length === 0) throw new HistoryError('No data rows');
	const bySeries = new Map<string, Map<number, number>>();
	parsed.data.forEach((row, i) => {
		const line = i + 2;
		const series = (row.series ?? '').trim();
		const month = (row.month ?? '').trim();
		const raw = (row.value ?? '').trim();
		if (series === '') throw new HistoryError(`Line ${line}: empty series`);
		if (!isMonth(month)) throw new HistoryError(`Line ${line}: month "${month}" is not YYYY-MM`);
		const value = Number(raw);
		if (raw === '' || !Number.isFinite(value))
			throw new HistoryError(`Line ${line}: value "${raw}" is not a number`);
		let months = bySeries.get(series);
		if (!months) bySeries.set(series, (months = new Map()));
		if (months.has(monthIndex(month)))
			throw new HistoryError(`Line ${line}: ${series} ${month} appears twice`);
		months.set(monthIndex(month), value);
	});
	return [...bySeries].map(([series, months]) => {
		const keys = [...months.keys()];
		const first = Math.min(...keys);
		const last = Math.max(...keys);
		const start = monthOfIndex(first);
		const values = Array.from({ length: last - first + 1 }, (_, k) => months.get(first + k) ?? 0);
		return { series, start, values };
	});
}

/** The `horizon` months after the last month of `h`. */
export function futureMonths(h: History, horizon: number): string[] {
	return periods(h.start, h.values.length + horizon).slice(h.values.length);
}

export interface ForecastRow {
	series: string;
	month: string;
	value: number;
	method: string;
}

export function formatForecast(rows: readonly ForecastRow[]): string {
	return (
		Papa.unparse(
			rows.map((r) => ({ ...r, value: Number(r.value.toPrecision(10)) })),
			{ columns: ['series', 'month', 'value', 'method'], newline: '\n' }
		) + '\n'
	);
}
